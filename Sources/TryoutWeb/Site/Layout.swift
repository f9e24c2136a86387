import Plot
import Vapor

/// The frame around every page: skip link, header with navigation, flash message, footer.
enum Layout {
    static func document(title: String, context: PageContext, content: Component) -> HTML {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) · Tryout"),
                .link(.rel(.stylesheet), .href(SiteURL.site(.stylesheet).path)),
                .script(.src(SiteURL.site(.skillScript).path), .attribute(named: "defer", value: "defer"))
            ),
            .body(.component(body(context: context, content: content)))
        )
    }

    static func response(title: String, context: PageContext, status: HTTPStatus = .ok, content: Component) -> Response {
        let html = document(title: title, context: context, content: content).render()
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    private static func body(context: PageContext, content: Component) -> Component {
        ComponentGroup {
            Tag.link("Skip to main content", to: "#main", ["class": "skip-link"])
            Tag("header", ["class": "site-header"]) {
                Tag.link("Tryout", to: SiteURL.site(.home).path, ["class": "brand"])
                Tag("nav", ["aria-label": "Main"]) {
                    Tag("ul", [:]) {
                        for link in context.nav {
                            Tag("li", [:]) {
                                if link.url == context.currentPath {
                                    Tag.link(link.label, to: link.url, ["aria-current": "page"])
                                } else {
                                    Tag.link(link.label, to: link.url)
                                }
                            }
                        }
                    }
                }
                if let csrf = context.csrf, let name = context.userName {
                    PostForm(action: SiteURL.accounts(.signOut).path, csrf: csrf, label: "Sign out") {
                        Tag.text("span", name, ["class": "who"])
                        Submit("Sign out", style: "link")
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
}
