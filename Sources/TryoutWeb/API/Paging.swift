import Foundation

extension DTO.Page {
    /// Up to `limit` of `all` (in its order), from the item after the one `cursor` names. The
    /// cursor names the last item given, so a list read again continues where the page stopped;
    /// a cursor naming nothing in the list starts at the first page, as the project list does.
    init(_ all: [Item], after cursor: String?, limit: Int, id: (Item) -> UUID) {
        let (items, next) = Self.window(all, after: cursor, limit: limit, id: id)
        self.init(items: Array(items), nextCursor: next)
    }

    /// The part of `all` a page shows, and the cursor of the page after it: for lists read in full
    /// only once their page is known.
    static func window<Element>(_ all: [Element], after cursor: String?, limit: Int,
                                id: (Element) -> UUID) -> (ArraySlice<Element>, next: String?) {
        let last = cursor.flatMap { Data(base64Encoded: $0) }.flatMap { UUID(uuidString: String(decoding: $0, as: UTF8.self)) }
        let start = last.flatMap { last in all.firstIndex { id($0) == last } }.map { $0 + 1 } ?? 0
        let items = all[start...].prefix(limit)
        return (items, start + items.count < all.count ? items.last.map { Data(id($0).uuidString.lowercased().utf8).base64EncodedString() } : nil)
    }
}
