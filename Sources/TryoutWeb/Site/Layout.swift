import Plot
import Vapor

/// The frame around every page: skip link, header with navigation, flash message, footer.
enum Layout {
    /// The page, written as Plot wrote it, straight into one string: Plot's own rendering of the
    /// document copied the written body twice more (Benchmarks/README.md, fifteenth round).
    static func document(title: String, context: PageContext, content: Component) -> String {
        var html = #"<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>"#
        html += "<title>" + Text("\(title) · Tryout").escaped + "</title>"
        html += #"<link rel="stylesheet" href=""# + SiteURL.site(.stylesheet).path + #""/>"#
        html += #"<script src=""# + SiteURL.site(.skillScript).path + #"" defer="defer"></script></head><body>"#
        PageWriter.write(body(context: context, content: content), to: &html)
        html += "</body></html>"
        return html
    }

    static func response(title: String, context: PageContext, status: HTTPStatus = .ok, content: Component) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: document(title: title, context: context, content: content)))
    }

    private static func body(context: PageContext, content: Component) -> Component {
        ComponentGroup {
            Tag.link("Skip to main content", to: "#main", ["class": "skip-link"])
            Tag("header", ["class": "site-header"]) {
                Tag("a", ["href": SiteURL.site(.home).path, "class": "brand"]) {
                    Tag.text("span", "T", ["class": "mark", "aria-hidden": "true"])
                    Text("Tryout")
                }
                // Wide screens show the links in a row; a phone folds the same links into a menu
                // that opens without script. Only one of the two is displayed at any width.
                Tag("nav", ["class": "site-nav", "aria-label": "Main"]) { links(context) }
                account(context)
                Tag("details", ["class": "site-menu"]) {
                    Tag.text("summary", "Menu")
                    Tag("div", ["class": "menu-panel"]) {
                        Tag("nav", ["aria-label": "Menu"]) { links(context) }
                        account(context)
                    }
                }
            }
            Tag("main", ["id": "main", "tabindex": "-1"]) {
                if let flash = context.flash {
                    Tag.text("p", flash.message, ["class": "flash flash-\(flash.kind.rawValue)", "role": flash.kind == .error ? "alert" : "status"])
                }
                content
            }
            Tag("footer", ["class": "site-footer"]) {
                Tag("p", [:]) {
                    Text("Tryout: paid micro-internships that hire on proof of work. Skills from ")
                    Tag.link("ESCO", to: "https://esco.ec.europa.eu/")
                    Text(", © European Union, reused under Decision 2011/833/EU.")
                }
            }
        }
    }

    private static func links(_ context: PageContext) -> Component {
        Tag("ul", [:]) {
            for link in context.nav {
                Tag("li", [:]) { anchor(link, current: link.url == context.currentPath) }
            }
        }
    }

    private static func anchor(_ link: PageContext.NavLink, current: Bool) -> Component {
        Tag("a", attributes: [("href", link.url)] + (current ? [("aria-current", "page")] : [])) {
            Text(link.label)
            if link.count > 0 {
                Text(" ")
                Tag("span", ["class": "count"]) {
                    Text("\(link.count)")
                    Tag.text("span", " \(link.countNoun)", ["class": "visually-hidden"])
                }
            }
        }
    }

    private static func account(_ context: PageContext) -> Component {
        guard let csrf = context.csrf, let name = context.userName else { return EmptyComponent() }
        return Tag("div", ["class": "account"]) {
            PostForm(action: SiteURL.accounts(.signOut).path, csrf: csrf, label: "Sign out") {
                Tag.text("span", name, ["class": "who", "title": name])
                Submit("Sign out", style: "link")
            }
        }
    }
}
