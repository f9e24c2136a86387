import Plot
import Testing
@testable import TryoutWeb

/// Pages are written by `PageWriter`, not Plot's renderer; the page snapshots hold whole pages
/// to Plot's HTML, and these hold the rules a snapshot might not exercise.
@Suite("Writing a page into one string")
struct PageWriterTests {
    private struct Card: Component {
        var title: String
        var body: Component {
            Tag("section", ["class": "card"]) {
                Tag.text("h2", title)
                EmptyComponent()
            }
        }
    }

    @Test("attributes in order, escaped, empty ones bare, a name given twice keeps its place with the later value")
    func attributes() {
        let tag = Tag("a", attributes: [("href", "/x?a=1&b=\"2\""), ("class", "one"), ("hidden", ""), ("class", "two")]) { TryoutWeb.Text("Go") }
        #expect(PageWriter.html(tag) == #"<a href="/x?a=1&amp;b=&quot;2&quot;" class="two" hidden>Go</a>"#)
        #expect(PageWriter.html(Tag(void: "input", [("name", "q"), ("required", "")])) == #"<input name="q" required/>"#)
    }

    @Test("text escaped, groups written member by member, components through their bodies, Plot's raw nodes as given")
    func children() {
        let page = Tag("main", [:]) {
            TryoutWeb.Text("Tom & <Jerry> \"quoted\"")
            Card(title: "R&D")
            for word in ["a", "b"] { Tag.text("li", word) }
            Node<HTML.BodyContext>.raw("<p>made safe before</p>")
        }
        #expect(PageWriter.html(page) == "<main>Tom &amp; &lt;Jerry&gt; \"quoted\"<section class=\"card\"><h2>R&amp;D</h2></section>"
                + "<li>a</li><li>b</li><p>made safe before</p></main>")
    }

    @Test("a tag handed to Plot renders as the page writer writes it")
    func throughPlot() {
        let tag = Tag("p", ["class": "meta"]) { Card(title: "<b>") }
        #expect(tag.render() == PageWriter.html(tag))
        #expect(HTML(.body(.component(tag))).render().contains(PageWriter.html(tag)))
    }
}
