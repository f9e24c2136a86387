import Foundation
import PropertyBased
import Testing
@testable import TryoutCore

@Suite("Markdown rendering")
struct MarkdownRenderingTests {
    /// Pieces of Markdown-ish text; random strings of them hit the renderer's corners.
    static let fragments = [
        "*", "**", "***", "_", "__", "`", "``", "[", "]", "(", ")", "<", ">", "&", "\"", "'", "\\", "!", "#", " ", "  ", "\t",
        "\n", "\n\n", "\r\n", "# ", "## ", "#### ", "- ", "* ", "+ ", "1. ", "2. ", "10. ", "> ", "---", "```", "  ",
        "a", "b", "word", "x y", "é", "&amp;", "&#60;", "<script>", "</p>", "\" onclick=\"",
        "http://x/", "https://a.example/p?q=1&r=2", "mailto:a@b.example", "/path", "//evil.example", "/\\evil", "javascript:alert(1)",
        "[a](http://x/*a*)", "[b](", "](", "[link](https://a.example/_x_)", "*em*", "**strong**", "_u_", "`code`",
    ]

    /// What revision 1 of the renderer wrote for a sample of everything it renders. Briefs keep
    /// their HTML with the revision that wrote it: when this output changes, raise
    /// `SafeMarkdown.revision` with it, and add a migration that calls `Projects.renderBriefs`.
    @Test("the renderer writes what its revision wrote")
    func revision() {
        let sample = "## Context\n\nA *short* project with **bold**, `code` and a [link](https://example.test/a_b).\n\n- one\n- two\n\n"
            + "3. third\n4. fourth\n\n> quoted <b>\n\n---\n\n```\nlet x = 1 < 2\n```\n\n#### Small \\*not em\\*"
        #expect(SafeMarkdown.revision == 1)
        #expect(SafeMarkdown.html(sample) == """
            <h3>Context</h3>
            <p>A <em>short</em> project with <strong>bold</strong>, <code>code</code> and a \
            <a href="https://example.test/a_b" rel="nofollow noopener">link</a>.</p>
            <ul><li>one</li><li>two</li></ul>
            <ol start="3"><li>third</li><li>fourth</li></ol>
            <blockquote><p>quoted &lt;b&gt;</p></blockquote>
            <hr>
            <pre><code>let x = 1 &lt; 2</code></pre>
            <h4>Small *not em*</h4>
            """)
    }

    @Test("random Markdown always gives well-formed HTML with only the allowed tags and attributes")
    func anyInputIsWellFormed() async {
        let markdown = Gen<String?>.element(of: Self.fragments).compactMap { $0 }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 3000, input: markdown) { text in
            let page = HTMLFragment(SafeMarkdown.html(text))
            #expect(page.problems.isEmpty, "\(text.debugDescription) gave \(page.problems)")
        }
    }

    @Test("emphasis marks inside a link's address stay in the address", arguments: [
        ("[a](http://x/*a*)", #"<p><a href="http://x/*a*" rel="nofollow noopener">a</a></p>"#),
        ("*see [x](http://y/_a_) now*", #"<p><em>see <a href="http://y/_a_" rel="nofollow noopener">x</a> now</em></p>"#),
        ("[**bold** label](/p?a=1&b=2)", #"<p><a href="/p?a=1&amp;b=2" rel="nofollow noopener"><strong>bold</strong> label</a></p>"#),
        ("[x](javascript:alert(1))", "<p>x)</p>"),
        ("[x](javascript:alert)", "<p>x</p>"),
    ])
    func linkAddresses(markdown: String, html: String) {
        #expect(SafeMarkdown.html(markdown) == html)
    }

    @Test("emphasis nests or stays as typed, never crosses", arguments: [
        ("**a *b** c*", "<p><strong>a *b</strong> c*</p>"),
        ("***a***", "<p><strong><em>a</em></strong></p>"),
        ("**a *b* c**", "<p><strong>a <em>b</em> c</strong></p>"),
        ("snake_case_name and 2*3*4", "<p>snake_case_name and 2*3*4</p>"),
        ("`*code*` *em*", "<p><code>*code*</code> <em>em</em></p>"),
    ])
    func emphasis(markdown: String, html: String) {
        #expect(SafeMarkdown.html(markdown) == html)
    }

    @Test("an ordered list shows the numbers as written, after a bulleted list too")
    func numbering() {
        #expect(SafeMarkdown.html("1. a\n\n- x\n\n2. b\n3. c")
            == "<ol><li>a</li></ol>\n<ul><li>x</li></ul>\n<ol start=\"2\"><li>b</li><li>c</li></ol>")
        #expect(SafeMarkdown.html("1. a\n3. b\n4. c") == "<ol><li>a</li><li value=\"3\">b</li><li>c</li></ol>")
    }

    @Test("escape writes the five characters HTML gives meaning to as references (in text, three) and keeps every other, multi-byte ones too")
    func escapeCharacters() {
        #expect(SafeMarkdown.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(SafeMarkdown.escape("Zoë — 東京 👩🏽‍💻 <b>") == "Zoë — 東京 👩🏽‍💻 &lt;b&gt;")
        #expect(SafeMarkdown.escape("&amp; stays as typed") == "&amp;amp; stays as typed")
        #expect(SafeMarkdown.escape("nothing to escape: é, 東京") == "nothing to escape: é, 東京")
        #expect(SafeMarkdown.escape("") == "")
        #expect(SafeMarkdown.escape("'") == "&#39;")
        #expect(SafeMarkdown.escape(#"Jerry's "best" <b> & co"#, quotes: false) == #"Jerry's "best" &lt;b&gt; &amp; co"#)
    }

    @Test("a backslash keeps a mark as typed, and literal text reads back as typed")
    func escapes() {
        #expect(SafeMarkdown.html(#"\*not em\* \[no](/link) \`x\` a\\b"#) == #"<p>*not em* [no](/link) `x` a\b</p>"#)
        #expect(SafeMarkdown.literal("# Title\n\n- item *a* _b_ `c` [d](/e) \\") == ##"\# Title - item \*a\* \_b\_ \`c\` \[d\](/e) \\"##)
        #expect(SafeMarkdown.literal("1. Clause") == #"1\. Clause"#)
        for text in ["> quote", "---", "```", "+ plus", "12. twelve", "## h"] {
            #expect(SafeMarkdown.html(SafeMarkdown.literal(text)) == "<p>\(SafeMarkdown.escape(text))</p>", "\(text)")
        }
    }
}
