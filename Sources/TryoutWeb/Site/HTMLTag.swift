import Plot
import TryoutCore

/// An element with attributes and children.
///
/// Plot escapes text but writes attribute values exactly as given, so pages build every element
/// that carries an attribute through `Tag`, which escapes each value first. User text goes in
/// as `Text`, which Plot escapes.
struct Tag: Component {
    var name: String
    var attributes: [(String, String)]
    var content: Component?

    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], @ComponentBuilder content: () -> Component) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value) }
        self.content = content()
    }

    /// A void element (`<input>`, `<meta>`) that has no children.
    init(void name: String, _ attributes: [(String, String)]) {
        self.name = name
        self.attributes = attributes
        self.content = nil
    }

    var body: Component {
        // An empty value renders as a bare boolean attribute (`required`, `checked`).
        let escaped = attributes.map {
            Attribute<HTML.BodyContext>(name: $0.0, value: Self.escape($0.1), ignoreIfValueIsEmpty: false)
        }
        guard let content else {
            return Node<HTML.BodyContext>.selfClosedElement(named: name, attributes: escaped)
        }
        return Node<HTML.BodyContext>.element(named: name, nodes: escaped.map { .attribute($0) } + [.component(content)])
    }

    static func escape(_ value: String) -> String {
        SafeMarkdown.escape(value)
    }
}

extension Tag {
    /// A link whose text is escaped like any other user text.
    static func link(_ text: String, to url: String, _ extra: KeyValuePairs<String, String> = [:]) -> Tag {
        var tag = Tag("a") { Text(text) }
        tag.attributes = [("href", url)] + extra.map { ($0.key, $0.value) }
        return tag
    }

    static func text(_ name: String, _ text: String, _ attributes: KeyValuePairs<String, String> = [:]) -> Tag {
        Tag(name, attributes) { Text(text) }
    }
}
