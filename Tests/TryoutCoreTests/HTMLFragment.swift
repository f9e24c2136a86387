import Foundation
@testable import TryoutCore

/// A strict reader for the HTML that `SafeMarkdown` writes, to check it rather than trust it: tags
/// from a short list, with double-quoted attributes from a shorter one, properly nested, and text
/// in which `<` and `>` never appear raw and `&` only starts one of the five entities `escape` writes.
struct HTMLFragment {
    /// Each allowed tag with the attributes it may carry.
    static let allowed: [String: Set<String>] = [
        "h2": [], "h3": [], "h4": [], "p": [], "ul": [], "ol": ["start"], "li": ["value"], "blockquote": [],
        "pre": [], "code": [], "hr": [], "strong": [], "em": [], "a": ["href", "rel"],
    ]
    static let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]

    enum Node: Equatable {
        case open(String, [String: String])
        case close(String)
        case text(String)
    }

    var nodes: [Node] = []
    /// Everything wrong with the HTML; empty when it is well formed and uses only what is allowed.
    var problems: [String] = []

    init(_ html: String) {
        var stack: [String] = []
        var rest = Substring(html)
        var text = ""
        func flushText() {
            if !text.isEmpty { nodes.append(.text(text)) }
            text = ""
        }
        while let c = rest.first {
            if c == "<" {
                guard let end = rest.firstIndex(of: ">") else {
                    problems.append("a raw < in text")
                    break
                }
                flushText()
                let tag = rest[rest.index(after: rest.startIndex)..<end]
                rest = rest[rest.index(after: end)...]
                guard let node = tagNode(tag) else { continue }
                nodes.append(node)
                switch node {
                case .open(let name, _) where name != "hr": stack.append(name)
                case .close(let name):
                    if stack.popLast() != name { problems.append("</\(name)> closes something else") }
                default: break
                }
            } else if c == ">" {
                problems.append("a raw > in text")
                rest = rest.dropFirst()
            } else if c == "&" {
                let entity = Self.entities.first { rest.hasPrefix($0.key) }
                if entity == nil { problems.append("a bare & in text") }
                text += entity?.value ?? "&"
                rest = rest.dropFirst(entity?.key.count ?? 1)
            } else {
                text.append(c)
                rest = rest.dropFirst()
            }
        }
        flushText()
        if !stack.isEmpty { problems.append("left open: \(stack)") }
    }

    private mutating func tagNode(_ tag: Substring) -> Node? {
        if tag.hasPrefix("/") {
            let name = String(tag.dropFirst())
            guard Self.allowed[name] != nil else {
                problems.append("closing tag <\(tag)>")
                return nil
            }
            return .close(name)
        }
        let name = String(tag.prefix { $0 != " " })
        guard let permitted = Self.allowed[name] else {
            problems.append("tag <\(tag)>")
            return nil
        }
        var attributes: [String: String] = [:]
        var rest = tag.dropFirst(name.count)
        while !rest.isEmpty {
            // ` name="value"`, the value free of quotes and angle brackets.
            guard rest.hasPrefix(" "), let equals = rest.range(of: "=\""),
                  let close = rest[equals.upperBound...].firstIndex(of: "\"") else {
                problems.append("attributes of <\(tag)>")
                return nil
            }
            let attribute = String(rest[rest.index(after: rest.startIndex)..<equals.lowerBound])
            let raw = String(rest[equals.upperBound..<close])
            guard permitted.contains(attribute), attributes[attribute] == nil, !raw.contains("<"), !raw.contains(">") else {
                problems.append("attribute \(attribute) on <\(name)>")
                return nil
            }
            guard let value = Self.decoded(raw) else {
                problems.append("a bare & in \(attribute) on <\(name)>")
                return nil
            }
            attributes[attribute] = value
            rest = rest[rest.index(after: close)...]
        }
        checkValues(name, attributes)
        return .open(name, attributes)
    }

    private mutating func checkValues(_ name: String, _ attributes: [String: String]) {
        for (attribute, value) in attributes {
            let ok = switch attribute {
            case "href": SafeMarkdown.isSafeURL(value) && !value.contains(where: { $0.isWhitespace })
            case "rel": value == "nofollow noopener"
            default: Int(value) != nil
            }
            if !ok { problems.append("\(attribute)=\"\(value)\" on <\(name)>") }
        }
        if name == "a" && attributes["href"] == nil { problems.append("a link without an address") }
    }

    /// An attribute's value as a browser reads it; nil when an `&` starts no entity `escape` writes.
    private static func decoded(_ raw: String) -> String? {
        var out = ""
        var rest = Substring(raw)
        while let c = rest.first {
            if c == "&" {
                guard let entity = entities.first(where: { rest.hasPrefix($0.key) }) else { return nil }
                out += entity.value
                rest = rest.dropFirst(entity.key.count)
            } else {
                out.append(c)
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// The words a reader sees, with what the page shows for structure: `#` before a heading
    /// (one per level below the page's own), the number an ordered item shows, `-` before a
    /// bullet. Spaces are collapsed.
    var readableText: String {
        var out = ""
        var lists: [(ordered: Bool, next: Int)] = []
        for node in nodes {
            switch node {
            case .open(let name, let attributes):
                switch name {
                case "h2", "h3", "h4": out += "\n" + String(repeating: "#", count: Int(name.dropFirst())! - 1) + " "
                case "ul": lists.append((false, 0))
                case "ol": lists.append((true, attributes["start"].flatMap { Int($0) } ?? 1))
                case "li":
                    guard let list = lists.last else { break }
                    if list.ordered {
                        let number = attributes["value"].flatMap { Int($0) } ?? list.next
                        out += "\n\(number). "
                        lists[lists.count - 1].next = number + 1
                    } else {
                        out += "\n- "
                    }
                case "p", "blockquote", "pre", "hr": out += "\n"
                default: break
                }
            case .close(let name):
                if name == "ul" || name == "ol" { lists.removeLast() }
            case .text(let text):
                out += text
            }
        }
        return Self.collapsed(out)
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
