import Foundation

/// Renders the Markdown of a brief into HTML that cannot carry script: every character of
/// the input is escaped, raw HTML shows as text, and only http(s), mailto and same-site links
/// survive. A deliberately small subset: headings, paragraphs, lists, quotes, code, rules,
/// emphasis, links and backslash escapes.
public enum SafeMarkdown {
    /// Which rendering `html(_:)` writes. Briefs keep their HTML with the revision that wrote it,
    /// and one of an older revision is rendered again: raise it whenever `html(_:)` writes
    /// anything differently (a test holds a sample's output to it).
    public static let revision = 1

    public static func html(_ markdown: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [ListItem])?
        var quote: [String] = []
        var code: [String]?

        func flushParagraph() {
            if !paragraph.isEmpty { out.append("<p>" + inline(paragraph.joined(separator: " ")) + "</p>") }
            paragraph = []
        }
        func flushList() {
            if let current = list { out.append(listHTML(ordered: current.ordered, current.items)) }
            list = nil
        }
        func flushQuote() {
            if !quote.isEmpty { out.append("<blockquote><p>" + inline(quote.joined(separator: " ")) + "</p></blockquote>") }
            quote = []
        }
        func flushAll() {
            flushParagraph()
            flushList()
            flushQuote()
        }

        for rawLine in markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var lines = code {
                if trimmed.hasPrefix("```") {
                    out.append("<pre><code>" + escape(lines.joined(separator: "\n")) + "</code></pre>")
                    code = nil
                } else {
                    lines.append(line)
                    code = lines
                }
                continue
            }
            if trimmed.hasPrefix("```") {
                flushAll()
                code = []
            } else if trimmed.isEmpty {
                flushAll()
            } else if let heading = heading(trimmed) {
                flushAll()
                out.append(heading)
            } else if trimmed == "---" || trimmed == "***" || trimmed == "___" {
                flushAll()
                out.append("<hr>")
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                flushList()
                quote.append(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else if let item = listItem(trimmed) {
                flushParagraph()
                flushQuote()
                if list == nil || list?.ordered != item.ordered {
                    flushList()
                    list = (item.ordered, [])
                }
                list?.items.append(item)
            } else if list != nil && line.hasPrefix("  ") {
                // An indented line continues the previous list item.
                if var current = list {
                    current.items[current.items.count - 1].text += " " + trimmed
                    list = current
                }
            } else {
                flushList()
                flushQuote()
                paragraph.append(trimmed)
            }
        }
        if let lines = code { out.append("<pre><code>" + escape(lines.joined(separator: "\n")) + "</code></pre>") }
        flushAll()
        return out.joined(separator: "\n")
    }

    /// `#` becomes `<h2>`: the page's own title is the only `<h1>`.
    private static func heading(_ line: String) -> String? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        let level = min(hashes + 1, 4)
        let text = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
        return "<h\(level)>" + inline(text) + "</h\(level)>"
    }

    struct ListItem {
        /// The number written before an ordered item; nil in a bulleted list.
        var number: Int?
        var text: String

        var ordered: Bool { number != nil }
    }

    private static func listItem(_ line: String) -> ListItem? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return ListItem(number: nil, text: String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, line.dropFirst(digits.count).hasPrefix(". ") {
            return ListItem(number: Int(digits), text: String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// An ordered list shows the numbers as written: clause 2 after a bulleted list is still 2,
    /// not a new 1, because a signed agreement's page must read exactly as its text.
    private static func listHTML(ordered: Bool, _ items: [ListItem]) -> String {
        guard ordered else { return "<ul>" + items.map { "<li>" + inline($0.text) + "</li>" }.joined() + "</ul>" }
        let first = items.first?.number ?? 1
        var expected = first
        var html = first == 1 ? "<ol>" : "<ol start=\"\(first)\">"
        for item in items {
            let number = item.number ?? expected
            html += (number == expected ? "<li>" : "<li value=\"\(number)\">") + inline(item.text) + "</li>"
            expected = number + 1
        }
        return html + "</ol>"
    }

    /// Inline markup; see `MarkdownInline`.
    static func inline(_ text: String) -> String {
        MarkdownInline(text).html()
    }

    static func isSafeURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") { return true }
        // Same-site paths, but not protocol-relative `//host` links.
        return lowered.hasPrefix("/") && !lowered.hasPrefix("//") && !lowered.hasPrefix("/\\")
    }

    /// `text` as Markdown that reads back exactly as typed, on one line: for values put into a
    /// document, like a name in an agreement, that no Markdown rule may turn into markup. Line
    /// breaks and control characters become spaces; every mark that could start emphasis, code
    /// or a link is escaped, and so is a mark that would start a heading, list or quote.
    public static func literal(_ text: String) -> String {
        let words = text.split { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }
        var out = ""
        for character in words.joined(separator: " ") {
            if "\\`*_[]".contains(character) { out.append("\\") }
            out.append(character)
        }
        if let first = out.first, "#>-+".contains(first) {
            out.insert("\\", at: out.startIndex)
        }
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, out.dropFirst(digits.count).first == "." {
            out.insert("\\", at: out.index(out.startIndex, offsetBy: digits.count))
        }
        return out
    }

    /// `text` with the five characters HTML gives meaning to written as references, safe in an
    /// element and in a quoted attribute value; with `quotes: false`, only `&`, `<` and `>`, which
    /// is all an element's text needs. It works on the UTF-8 bytes: each of the five is ASCII, and
    /// most text holds none of them, so that text is handed back as it is, with no copy (every page
    /// escapes each piece of text it shows).
    public static func escape(_ text: String, quotes: Bool = true) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { reference(for: $0, quotes: quotes) != nil }) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 16)
        out.append(contentsOf: utf8[..<first])
        for byte in utf8[first...] {
            if let reference = reference(for: byte, quotes: quotes) { out.append(contentsOf: reference.utf8) } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func reference(for byte: UInt8, quotes: Bool) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\"") where quotes: "&quot;"
        case UInt8(ascii: "'") where quotes: "&#39;"
        default: nil
        }
    }
}
