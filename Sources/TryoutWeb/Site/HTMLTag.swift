import Plot
import TryoutCore

/// An element with attributes and children.
///
/// Plot escapes text but writes attribute values exactly as given, so pages build every element
/// that carries an attribute through `Tag`, which escapes each value first. User text goes in
/// as `Text` or `Tag.text`, escaped by `SafeMarkdown.escape`.
///
/// A tag is a Plot node, not a component of its own: Plot reflects on every component it renders
/// (a `Mirror` over its properties, looking for environment values), and with one component per
/// element that was much of a page's rendering time (Benchmarks/README.md, third round). Tags,
/// and text inside them, render without it.
typealias Tag = Node<HTML.BodyContext>

extension Node where Context == HTML.BodyContext {
    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], @ComponentBuilder content: () -> Component) {
        self.init(name, attributes: attributes.map { ($0.key, $0.value) }, content: content)
    }

    /// Attributes in the order given, for lists the page puts together as it goes.
    init(_ name: String, attributes: [(String, String)], @ComponentBuilder content: () -> Component) {
        self = .element(named: name, nodes: Self.escaped(attributes).map { .attribute($0) } + Self.children(content()))
    }

    /// A void element (`<input>`, `<meta>`) that has no children.
    init(void name: String, _ attributes: [(String, String)]) {
        self = .selfClosedElement(named: name, attributes: Self.escaped(attributes))
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

    private static func escaped(_ attributes: [(String, String)]) -> [Attribute<HTML.BodyContext>] {
        // An empty value renders as a bare boolean attribute (`required`, `checked`).
        attributes.map { Attribute(name: $0.0, value: escape($0.1), ignoreIfValueIsEmpty: false) }
    }

    /// What a builder made, as the element's children: groups opened, tags and text as they
    /// are, and any other component rendered as one.
    private static func children(_ content: Component) -> [Node] {
        if let group = content as? ComponentGroup { return group.members.flatMap(children) }
        if let node = content as? Node { return [node] }
        if let text = content as? Text { return [text.node] }
        return [.component(content)]
    }
}

/// Text among a page's elements, escaped. It stands in for Plot's `Text` in this module: Plot
/// escapes a character at a time, building a string for each, about a third of rendering the
/// applicants list (Benchmarks/README.md, seventh round); `SafeMarkdown.escape` reads UTF-8 bytes
/// and hands back text with nothing to escape as it is.
struct Text: Component {
    let node: Tag

    init(_ string: String) {
        // Quotes mean nothing between tags: they stay as typed, as Plot wrote them.
        node = .raw(SafeMarkdown.escape(string, quotes: false))
    }

    var body: Component { node }
}
