import Crypto
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Money-moving requests carry a key, so a repeat (a retry after a timeout, a second click)
/// moves nothing: the API sends it in `Idempotency-Key`, forms in a hidden `_idempotency`
/// field. The first request's response is kept and returned for every repeat; the same key with
/// another body is refused (422); a repeat while the first is still running gets 409. A key is
/// freed when its request is refused, so the corrected request can use it.
///
/// Where money is all a request does (funding, payouts) the key is `required`. Where money
/// follows a step of the work (publishing, accepting a deliverable, ending an engagement, a
/// dispute's decision), the key is honoured when sent and the step's own state refuses a repeat
/// without one, so API clients written before keys existed keep working; the pages always send one.
struct IdempotencyMiddleware: AsyncMiddleware {
    static let header = "Idempotency-Key"
    static let formField = "_idempotency"

    var required = true

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let userID = try await request.requirePrincipal().userID
        let (key, content) = try Self.keyAndContent(of: request)
        if key == nil, !required { return try await next.respond(to: request) }
        guard let key, (1...255).contains(key.count), key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._:-".contains($0)) }) else {
            throw Abort(.badRequest, reason: "A request that moves money needs an idempotency key (the \(Self.header) header: up to 255 letters, digits, "
                        + "dots, colons, dashes or underscores, a new value such as a UUID for each operation); send the same key again to repeat it safely.")
        }
        let digest = SHA256.hash(data: Data("\(request.method.rawValue) \(request.url.path)\n\(content)".utf8))
        let fingerprint = Hex.encode(digest)
        switch try await IdempotencyKeys.claim(key, userID: userID, fingerprint: fingerprint, at: request.now, on: request.db) {
        case .replay(let stored):
            return Self.response(stored)
        case .running:
            throw Abort(.conflict, reason: "The first request with this idempotency key is still running; repeat it in a moment for its result.")
        case .mismatch:
            throw Abort(.unprocessableEntity, reason: "This idempotency key was used for a different request; use a new key for a new operation.")
        case .run:
            let response: Response
            do {
                response = try await next.respond(to: request)
            } catch {
                try? await IdempotencyKeys.abandon(key, userID: userID, on: request.db)
                throw error
            }
            guard response.status.code < 400 else {
                try await IdempotencyKeys.abandon(key, userID: userID, on: request.db)
                return response
            }
            try await IdempotencyKeys.finish(key, userID: userID, response: StoredResponse(
                status: Int(response.status.code), contentType: response.headers.first(name: .contentType),
                location: response.headers.first(name: .location), body: response.body.string ?? ""), on: request.db)
            return response
        }
    }

    /// The key, and what identifies the request's content: the API's body as sent; a form's
    /// fields in order, without its session token and the key itself.
    private static func keyAndContent(of request: Request) throws -> (String?, String) {
        if request.url.path.hasPrefix("/api/") {
            return (request.headers.first(name: header), request.body.string ?? "")
        }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let fields = form.filter { $0.key != "_csrf" && $0.key != formField }.sorted { $0.key < $1.key }
        return (form[formField], fields.map { "\($0.key)=\($0.value)" }.joined(separator: "&"))
    }

    private static func response(_ stored: StoredResponse) -> Response {
        var headers = HTTPHeaders()
        if let contentType = stored.contentType { headers.add(name: .contentType, value: contentType) }
        if let location = stored.location { headers.add(name: .location, value: location) }
        headers.add(name: "Idempotent-Replayed", value: "true")
        return Response(status: HTTPResponseStatus(statusCode: stored.status), headers: headers, body: .init(string: stored.body))
    }
}
