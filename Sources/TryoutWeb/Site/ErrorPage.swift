import Plot
import Vapor

struct ErrorPage: Component {
    var status: HTTPStatus
    var detail: String

    var title: String {
        switch status {
        case .notFound: "Page not found"
        case .forbidden: "Not allowed"
        case .tooManyRequests: "Too many attempts"
        default: status.reasonPhrase
        }
    }

    var body: Component {
        Tag("section", ["aria-labelledby": "error-title"]) {
            Tag.text("h1", title, ["id": "error-title"])
            Tag.text("p", detail, ["class": "lead"])
            Tag("p", [:]) { Tag.link("Go to the home page", to: SiteURL.site(.home).path) }
        }
    }
}
