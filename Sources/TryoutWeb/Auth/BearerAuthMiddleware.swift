import Foundation
import TryoutStore
import Vapor

/// Authenticates `/api/v1` requests by personal API token (`Authorization: Bearer tt_…`).
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization?.token,
           let user = try await Accounts.user(bearer: bearer, at: request.now, on: request.db) {
            request.authState.user = user
        }
        return try await next.respond(to: request)
    }
}

/// Answers 401 with a `WWW-Authenticate` challenge when no valid token came with the request.
struct RequireAPIUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.user != nil else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Send a personal API token as Authorization: Bearer.")
        }
        return try await next.respond(to: request)
    }
}
