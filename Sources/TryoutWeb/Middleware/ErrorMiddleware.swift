import Foundation
import TryoutCore
import Vapor

/// Turns every error into a clear answer: problem+json under `/api/`, a page elsewhere.
/// Bad input never becomes a 500; anything unexpected is logged and shown without detail.
struct ErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request: request)
        }
    }

    private func response(for error: any Error, request: Request) async -> Response {
        let (status, detail, fields, headers) = describe(error)
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        if request.url.path.hasPrefix("/api/") {
            let response = Problem(status: status, detail: detail, errors: fields).response()
            response.headers.add(contentsOf: headers)
            return response
        }
        if status == .unauthorized, request.method == .GET {
            let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            return request.redirect(to: SiteURL.accounts(.signIn(next: next)).path)
        }
        let page = ErrorPage(status: status, detail: detail)
        // The full context needs the database; if that is what failed, fall back to a bare header.
        let fallback = PageContext.minimal(path: request.url.path, userName: request.user?.displayName)
        let context = status == .internalServerError ? fallback : ((try? await request.pageContext()) ?? fallback)
        let response = Layout.response(title: page.title, context: context, status: status, content: page)
        response.headers.add(contentsOf: headers)
        return response
    }

    private func describe(_ error: any Error) -> (HTTPStatus, String, [FieldError], HTTPHeaders) {
        switch error {
        case let failure as ValidationFailure:
            return (.unprocessableEntity, "Some fields need attention.", failure.errors, [:])
        case let decoding as DecodingError:
            return Self.describe(decoding)
        case let abort as any AbortError:
            let detail = abort.status == .notFound && abort.reason == abort.status.reasonPhrase
                ? "There is nothing at this address, or you do not have access to it."
                : abort.reason
            return (abort.status, detail, [], abort.headers)
        default:
            return (.internalServerError, "Something went wrong on our side. It has been logged; please try again.", [], [:])
        }
    }

    private static func describe(_ error: DecodingError) -> (HTTPStatus, String, [FieldError], HTTPHeaders) {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return (.badRequest, "The body must be a JSON object.", [], [:])
        case .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return (.badRequest, "The body must be a JSON object.", [], [:])
        case .keyNotFound(let key, let context):
            let name = field(context.codingPath + [key])
            return (.unprocessableEntity, "A required field is missing.", [FieldError(name, "\(name) is required.")], [:])
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let name = field(context.codingPath)
            return (.unprocessableEntity, "A field has the wrong type.", [FieldError(name, "\(name) must be \(expected(type)).")], [:])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let name = field(context.codingPath)
            return (.unprocessableEntity, "A field has an invalid value.", [FieldError(name, "\(name) has an invalid value.")], [:])
        default:
            return (.badRequest, "The request body could not be read. Send well-formed JSON or form data.", [], [:])
        }
    }

    /// What a field of `type` holds, in words.
    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is any BinaryInteger.Type: "a whole number"
        case is any BinaryFloatingPoint.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        case is [String: Any].Type: "an object"
        default: "of the documented type"
        }
    }
}
