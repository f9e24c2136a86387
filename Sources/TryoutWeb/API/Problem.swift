import TryoutCore
import Vapor

/// An RFC 9457 problem document, with the field errors that caused it.
struct Problem: Content {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldError]

    init(status: HTTPStatus, detail: String, errors: [FieldError] = []) {
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.errors = errors
    }

    func response() -> Response {
        let response = Response(status: HTTPStatus(statusCode: status))
        try? response.content.encode(self, as: .json)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
        return response
    }
}
