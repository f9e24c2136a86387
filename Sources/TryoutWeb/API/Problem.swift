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

extension Request {
    /// Decodes a JSON request body, refusing other media types with 415 and a missing body with 400;
    /// a well-formed body with a value of the wrong type is a 422 naming the field.
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application",
              contentType.subType == "json" || contentType.subType.hasSuffix("+json")
        else { throw Abort(.unsupportedMediaType, reason: "Send the body as application/json.") }
        guard let body = body.data, body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "The body must be a JSON object.")
        }
        return try JSONDecoder().decode(FieldLocated<T>.self, from: body).value
    }
}
