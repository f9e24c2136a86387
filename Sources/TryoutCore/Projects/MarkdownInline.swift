/// The inline part of `SafeMarkdown`: backslash escapes, code spans, links, strong and emphasis.
///
/// Read in two passes so that the HTML is always well formed. The first cuts the text into
/// pieces that are final (escaped text, a code span, a whole link) and runs of `*` or `_`; a
/// link's address is never read for emphasis. The second pairs the runs on a stack: a closing
/// run closes the nearest matching opening one, and any run left open in between is printed as
/// typed, so no element can close outside the one that contains it.
struct MarkdownInline {
    private enum Piece {
        case html(String)
        case delimiter(String, canOpen: Bool, canClose: Bool)
    }

    private let chars: [Character]
    private let links: Bool
    /// Set once a search found no closing backtick: later ones would find none either.
    private var noMoreBackticks = false

    init(_ text: String, links: Bool = true) {
        chars = Array(text)
        self.links = links
    }

    func html() -> String {
        var copy = self
        return Self.pair(copy.pieces())
    }

    // MARK: First pass

    private mutating func pieces() -> [Piece] {
        var pieces: [Piece] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, Self.isEscapable(chars[i + 1]) {
                // A backslash keeps the next mark as typed: how an agreement inserts names literally.
                pieces.append(.html(SafeMarkdown.escape(String(chars[i + 1]))))
                i += 2
            } else if c == "`", let close = closingBacktick(after: i) {
                pieces.append(.html("<code>" + SafeMarkdown.escape(String(chars[(i + 1)..<close])) + "</code>"))
                i = close + 1
            } else if c == "[", links, let link = link(at: i) {
                pieces.append(.html(link.html))
                i = link.end
            } else if c == "*" || c == "_" {
                var end = i
                while end < chars.count && chars[end] == c { end += 1 }
                pieces += delimiters(c, from: i, to: end)
                i = end
            } else {
                pieces.append(.html(SafeMarkdown.escape(String(c))))
                i += 1
            }
        }
        return pieces
    }

    static func isEscapable(_ c: Character) -> Bool {
        c.isASCII && (c.isPunctuation || c.isSymbol)
    }

    private mutating func closingBacktick(after open: Int) -> Int? {
        guard !noMoreBackticks else { return nil }
        guard let close = chars[(open + 1)...].firstIndex(of: "`") else {
            noMoreBackticks = true
            return nil
        }
        return close
    }

    /// `[label](address)`. The label holds no bracket and the address no space or bracket, so each
    /// attempt stops at the next `[` and long text stays linear. The address ends at the first `)`.
    private func link(at open: Int) -> (html: String, end: Int)? {
        var i = open + 1
        while i < chars.count && chars[i] != "]" {
            if chars[i] == "[" { return nil }
            i += chars[i] == "\\" && i + 1 < chars.count ? 2 : 1
        }
        let closeLabel = i
        guard closeLabel < chars.count, closeLabel > open + 1, closeLabel + 1 < chars.count, chars[closeLabel + 1] == "(" else { return nil }
        var j = closeLabel + 2
        while j < chars.count && chars[j] != ")" {
            let c = chars[j]
            if c.isWhitespace || c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || "[]".contains(c) {
                return nil
            }
            j += 1
        }
        guard j < chars.count, j > closeLabel + 2 else { return nil }
        let label = MarkdownInline(String(chars[(open + 1)..<closeLabel]), links: false).html()
        let address = String(chars[(closeLabel + 2)..<j])
        guard SafeMarkdown.isSafeURL(address) else { return (label, j + 1) }
        return ("<a href=\"\(SafeMarkdown.escape(address))\" rel=\"nofollow noopener\">\(label)</a>", j + 1)
    }

    /// A run of one to three marks, as `**` and `*` delimiters; a longer run is printed as typed.
    /// A run opens when text follows it and closes when text precedes it; neither may touch a
    /// letter or digit on its outer side, so `snake_case` and `2*3*4` stay as typed.
    private func delimiters(_ mark: Character, from start: Int, to end: Int) -> [Piece] {
        let count = end - start
        guard count <= 3 else { return [.html(String(repeating: mark, count: count))] }
        let before = start > 0 ? chars[start - 1] : " "
        let after = end < chars.count ? chars[end] : " "
        let canOpen = !after.isWhitespace && !(before.isLetter || before.isNumber)
        let canClose = !before.isWhitespace && !(after.isLetter || after.isNumber)
        let single = String(mark), double = String(repeating: mark, count: 2)
        let runs: [String] = switch count {
        case 1: [single]
        case 2: [double]
        // Strong outside emphasis: `***a***` is `<strong><em>a</em></strong>`.
        default: canOpen ? [double, single] : [single, double]
        }
        return runs.map { .delimiter($0, canOpen: canOpen, canClose: canClose) }
    }

    // MARK: Second pass

    private struct Frame {
        var opener: String
        var parts: [String] = []
        var text: String { opener + parts.joined() }
    }

    private static func pair(_ pieces: [Piece]) -> String {
        var stack = [Frame(opener: "")]
        for piece in pieces {
            switch piece {
            case .html(let html):
                stack[stack.count - 1].parts.append(html)
            case .delimiter(let run, let canOpen, let canClose):
                // The bottom frame's opener is empty, so it never matches a run; nothing is wrapped empty.
                if canClose, let match = stack.lastIndex(where: { $0.opener == run }),
                   !stack[match...].allSatisfy({ $0.parts.isEmpty }) {
                    // Runs opened after the match were never closed: they are plain text.
                    let inner = stack[match...].map(\.text).joined().dropFirst(run.count)
                    stack.removeSubrange(match...)
                    let tag = run.count == 2 ? "strong" : "em"
                    stack[stack.count - 1].parts.append("<\(tag)>\(inner)</\(tag)>")
                } else if canOpen {
                    stack.append(Frame(opener: run))
                } else {
                    stack[stack.count - 1].parts.append(run)
                }
            }
        }
        return stack.map(\.text).joined()
    }
}
