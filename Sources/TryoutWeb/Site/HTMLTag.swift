import Plot
import TryoutCore

/// An element with attributes and children.
///
/// Plot escapes text but writes attribute values exactly as given, so pages build every element
/// that carries an attribute through `Tag`, which escapes each value as it writes it. User text
/// goes in as `Text` or `Tag.text`, escaped by `SafeMarkdown.escape`.
///
/// Pages are put together with Plot's `Component` protocol and result builder, but `PageWriter`
/// writes tags and text straight into one string: Plot renders each element through a renderer
/// and buffer of its own, with a dictionary for its attributes, and reflects on every component
/// it meets; that was a fifth of the applicants list's time (Benchmarks/README.md, eighth round).
/// Handed to Plot, a tag renders as the same HTML.
struct Tag: Component {
    let name: String
    /// Names as given, values unescaped; a later value for a name replaces the earlier one in its
    /// place, as Plot did.
    let attributes: [(String, String)]
    /// Nil for a void element (`<input>`, `<meta>`), written as `<input …/>`.
    let content: Component?

    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], @ComponentBuilder content: () -> Component) {
        self.init(name, attributes: attributes.map { ($0.key, $0.value) }, content: content)
    }

    /// Attributes in the order given, for lists the page puts together as it goes.
    init(_ name: String, attributes: [(String, String)], @ComponentBuilder content: () -> Component) {
        self.name = name
        self.attributes = Self.merged(attributes)
        self.content = content()
    }

    /// A void element (`<input>`, `<meta>`) that has no children.
    init(void name: String, _ attributes: [(String, String)]) {
        self.name = name
        self.attributes = Self.merged(attributes)
        content = nil
    }

    /// A link whose text is escaped like any other user text.
    static func link(_ text: String, to url: String, _ extra: KeyValuePairs<String, String> = [:]) -> Tag {
        Tag("a", attributes: [("href", url)] + extra.map { ($0.key, $0.value) }) { Text(text) }
    }

    static func text(_ name: String, _ text: String, _ attributes: KeyValuePairs<String, String> = [:]) -> Tag {
        Tag(name, attributes) { Text(text) }
    }

    static func escape(_ value: String) -> String {
        SafeMarkdown.escape(value)
    }

    var body: Component { Node<HTML.BodyContext>.raw(PageWriter.html(self)) }

    func write(to html: inout String) {
        html += "<"
        html += name
        for (name, value) in attributes {
            html += " "
            html += name
            // An empty value writes a bare boolean attribute (`required`, `checked`).
            if !value.isEmpty {
                html += "=\""
                html += Self.escape(value)
                html += "\""
            }
        }
        guard let content else {
            html += "/>"
            return
        }
        html += ">"
        PageWriter.write(content, to: &html)
        html += "</"
        html += name
        html += ">"
    }

    private static func merged(_ attributes: [(String, String)]) -> [(String, String)] {
        // Most tags name each attribute once, and keep the array they were given.
        let repeats = attributes.indices.contains { index in attributes[..<index].contains { $0.0 == attributes[index].0 } }
        guard repeats else { return attributes }
        var merged = [(String, String)]()
        merged.reserveCapacity(attributes.count)
        for attribute in attributes {
            if let index = merged.firstIndex(where: { $0.0 == attribute.0 }) {
                merged[index].1 = attribute.1
            } else {
                merged.append(attribute)
            }
        }
        return merged
    }
}

/// Text among a page's elements, escaped. It stands in for Plot's `Text` in this module: Plot
/// escapes a character at a time, building a string for each, about a third of rendering the
/// applicants list (Benchmarks/README.md, seventh round); `SafeMarkdown.escape` reads UTF-8 bytes
/// and hands back text with nothing to escape as it is.
struct Text: Component {
    let escaped: String

    init(_ string: String) {
        // Quotes mean nothing between tags: they stay as typed, as Plot wrote them.
        escaped = SafeMarkdown.escape(string, quotes: false)
    }

    var body: Component { Node<HTML.BodyContext>.raw(escaped) }
}

/// Writes a page's components into one string: tags and text directly, groups member by member,
/// any other component through its body. Plot's own nodes (the Markdown a page has already made
/// safe, `Node.raw`) go through Plot.
enum PageWriter {
    static func html(_ component: Component) -> String {
        var html = ""
        write(component, to: &html)
        return html
    }

    static func write(_ component: Component, to html: inout String) {
        // Casts to concrete types, most common first: each is a comparison of type metadata,
        // where asking for a protocol conformance is a lookup.
        if let tag = component as? Tag {
            tag.write(to: &html)
        } else if let text = component as? Text {
            html += text.escaped
        } else if let group = component as? ComponentGroup {
            for member in group.members { write(member, to: &html) }
        } else if component is EmptyComponent {
            return
        } else if let node = component as? Node<HTML.BodyContext> {
            html += node.render()
        } else {
            write(component.body, to: &html)
        }
    }
}
