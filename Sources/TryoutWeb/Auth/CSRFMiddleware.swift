import Foundation
import Vapor

/// Refuses any state-changing browser request whose form lacks the session's CSRF token.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    /// A route that takes larger bodies (an upload) says how large in its `userInfo`.
    static let bodyLimitKey = "bodyLimit"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        // Collecting here keeps the body for the handler; the route's size limit still applies.
        let limit = request.route?.userInfo[Self.bodyLimitKey] as? Int ?? request.application.routes.defaultMaxBodySize.value
        // Only a signed-in person may make the server hold an upload; anyone else gets a 401
        // before a byte of it is read.
        if limit > request.application.routes.defaultMaxBodySize.value { _ = try request.requireUser() }
        let tooLarge = Abort(.payloadTooLarge, reason: "That is more than this form takes at once. Send fewer or smaller files, or share a link instead.")
        let body: ByteBuffer?
        do {
            body = try await request.body.collect(max: limit).get()
        } catch let abort as any AbortError where abort.status == .payloadTooLarge {
            throw tooLarge
        }
        if let body, body.readableBytes > limit { throw tooLarge }
        let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
        guard let expected = request.authState.session?.csrfToken, !sent.isEmpty,
              Self.constantTimeEqual(Array(sent.utf8), Array(expected.utf8))
        else {
            throw Abort(.forbidden, reason: "This form has expired or did not come from Tryout. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
