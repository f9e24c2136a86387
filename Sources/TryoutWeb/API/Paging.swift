import Foundation

extension DTO.Page {
    /// Up to `limit` of `all` (in its order), from the item after the one `cursor` names. The
    /// cursor names the last item given, so a list read again continues where the page stopped;
    /// a cursor naming nothing in the list starts at the first page, as the project list does.
    init(_ all: [Item], after cursor: String?, limit: Int, id: (Item) -> UUID) {
        let start = Self.id(in: cursor).flatMap { last in all.firstIndex { id($0) == last } }.map { $0 + 1 } ?? 0
        let items = all[start...].prefix(limit)
        self.init(items: Array(items), nextCursor: start + items.count < all.count ? items.last.map { Self.cursor(naming: id($0)) } : nil)
    }

    /// The id a cursor names; nil for none, or for a cursor this server did not make.
    static func id(in cursor: String?) -> UUID? {
        cursor.flatMap { Data(base64Encoded: $0) }.flatMap { UUID(uuidString: String(decoding: $0, as: UTF8.self)) }
    }

    /// The cursor naming the item `id`, the last of its page.
    static func cursor(naming id: UUID) -> String {
        Data(id.uuidString.lowercased().utf8).base64EncodedString()
    }
}
