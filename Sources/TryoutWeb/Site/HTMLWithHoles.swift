import Foundation

/// HTML written once with stand-ins (`hole(n)`) for what differs per view, such as a form token or
/// an idempotency key, and filled in on each view: a kept page section costs its view a join of
/// strings where writing it cost a fifth of the view. The stand-ins are random per process, so
/// no text a person wrote can contain one (and escaping never makes one).
struct HTMLWithHoles: Sendable {
    private static let prefix = "hole-\(UUID().uuidString)-"

    /// The stand-in for the `index`th value given to `filled`.
    static func hole(_ index: Int) -> String { "\(prefix)\(index);" }

    /// The text around the holes: `holes[i]` sits between `parts[i]` and `parts[i + 1]`.
    private var parts: [String] = []
    private var holes: [Int] = []

    init(_ html: String) {
        let pieces = html.components(separatedBy: Self.prefix)
        parts = [pieces[0]]
        for piece in pieces.dropFirst() {
            let end = piece.firstIndex(of: ";") ?? piece.startIndex
            holes.append(Int(piece[..<end]) ?? 0)
            parts.append(String(piece[piece.index(after: end)...]))
        }
    }

    func filled(_ values: [String]) -> String {
        var html = parts[0]
        for (hole, part) in zip(holes, parts.dropFirst()) {
            html += values[hole]
            html += part
        }
        return html
    }
}
