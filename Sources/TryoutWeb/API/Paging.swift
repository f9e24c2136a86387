import Foundation

extension DTO.Page {
    /// Up to `limit` of `all` (in its order), from the item after the one `cursor` names. The
    /// cursor names the last item given, so a list read again continues where the page stopped;
    /// a cursor naming nothing in the list starts at the first page, as the project list does.
    init(_ all: [Item], after cursor: String?, limit: Int, id: (Item) -> UUID) {
        let last = cursor.flatMap { Data(base64Encoded: $0) }.flatMap { UUID(uuidString: String(decoding: $0, as: UTF8.self)) }
        let start = last.flatMap { last in all.firstIndex { id($0) == last } }.map { $0 + 1 } ?? 0
        let items = Array(all[start...].prefix(limit))
        self.init(items: items, nextCursor: start + items.count < all.count
            ? items.last.map { Data(id($0).uuidString.lowercased().utf8).base64EncodedString() } : nil)
    }
}
