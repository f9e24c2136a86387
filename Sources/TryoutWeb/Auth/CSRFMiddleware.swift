import Foundation
import Vapor

/// Refuses any state-changing browser request whose form lacks the right CSRF token: the
/// session's once signed in, the signed double-submit token for anonymous visitors.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    /// Set in a route's `userInfo` when its body is streamed (an upload): the token then comes
    /// in the query string, so that a forged request is refused before any of its body is read.
    static let streamedKey = "csrfInQuery"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        let sent: String
        if request.route?.userInfo[Self.streamedKey] as? Bool == true {
            // Only a signed-in person may make the server take an upload: anyone else hears
            // "sign in" before a byte of it is read.
            _ = try request.requireUser()
            sent = request.query[String.self, at: Self.fieldName] ?? ""
        } else {
            // Form bodies are small (the default limit); collecting keeps the body for the handler.
            let limit = request.application.routes.defaultMaxBodySize.value
            let tooLarge = Abort(.payloadTooLarge, reason: "That is more than this form takes at once.")
            let body: ByteBuffer?
            do {
                body = try await request.body.collect(max: limit).get()
            } catch let abort as any AbortError where abort.status == .payloadTooLarge {
                throw tooLarge
            }
            // A body that came in whole (as in tests) was not limited on the way.
            if let body, body.readableBytes > limit { throw tooLarge }
            sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
        }
        guard !sent.isEmpty, try await Self.accepts(sent, request) else {
            throw Abort(.forbidden, reason: "This form has expired or did not come from Tryout. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    private static func accepts(_ sent: String, _ request: Request) async throws -> Bool {
        if let session = request.authState.session {
            return ConstantTime.equal(sent, session.csrfToken)
        }
        return try await AnonymousCookies.acceptsFormToken(sent, request)
    }
}
