import Foundation

/// Renders the Markdown of a brief into HTML that cannot carry script: every character of
/// the input is escaped, raw HTML shows as text, and only http(s), mailto and same-site links
/// survive. A deliberately small subset: headings, paragraphs, lists, quotes, code, rules,
/// emphasis and links.
public enum SafeMarkdown {
    public static func html(_ markdown: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var quote: [String] = []
        var code: [String]?

        func flushParagraph() {
            if !paragraph.isEmpty { out.append("<p>" + inline(paragraph.joined(separator: " ")) + "</p>") }
            paragraph = []
        }
        func flushList() {
            if let current = list {
                let tag = current.ordered ? "ol" : "ul"
                out.append("<\(tag)>" + current.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(tag)>")
            }
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
                list?.items.append(item.text)
            } else if list != nil && line.hasPrefix("  ") {
                // An indented line continues the previous list item.
                if var current = list {
                    current.items[current.items.count - 1] += " " + trimmed
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

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, line.dropFirst(digits.count).hasPrefix(". ") {
            return (true, String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline markup: code spans first (their content is never interpreted), then emphasis and links.
    static func inline(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "`") else { break }
            result += emphasisAndLinks(escape(String(rest[..<open])))
            result += "<code>" + escape(String(rest[afterOpen..<close])) + "</code>"
            rest = rest[rest.index(after: close)...]
        }
        return result + emphasisAndLinks(escape(String(rest)))
    }

    // These patterns run on escaped text, where no `<`, `>` or quote is left to abuse.
    private static let link = try! NSRegularExpression(pattern: #"\[([^\]]+)\]\(([^)\s]+)\)"#)
    private static let strong = try! NSRegularExpression(pattern: #"\*\*(\S(?:.*?\S)?)\*\*"#)
    private static let emphasis = try! NSRegularExpression(pattern: #"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])"#)

    private static func emphasisAndLinks(_ escaped: String) -> String {
        var text = replace(strong, in: escaped) { "<strong>\($0[1])</strong>" }
        text = replace(emphasis, in: text) { "<em>\($0[1])</em>" }
        return replace(link, in: text) { groups in
            let url = groups[2].replacingOccurrences(of: "&amp;", with: "&")
            guard isSafeURL(url) else { return groups[1] }
            return "<a href=\"\(groups[2])\" rel=\"nofollow noopener\">\(groups[1])</a>"
        }
    }

    static func isSafeURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") { return true }
        // Same-site paths, but not protocol-relative `//host` links.
        return lowered.hasPrefix("/") && !lowered.hasPrefix("//") && !lowered.hasPrefix("/\\")
    }

    private static func replace(_ regex: NSRegularExpression, in text: String, with transform: ([String]) -> String) -> String {
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : ns.substring(with: range)
            }
            result += transform(groups)
            last = match.range.location + match.range.length
        }
        return result + ns.substring(from: last)
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
