import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// What the session and token middleware found out about the request, shared by handlers.
final class AuthState: @unchecked Sendable {
    var session: SessionRecord?
    var user: UserRecord?
    var principal: Principal?
    /// What the page's header shows, read with the session for the pages (`BrowserSessionMiddleware`).
    var header: HeaderSummary?
    /// The cookies the browser sent, once parsed (`Request.sentCookies`).
    fileprivate var sentCookies: HTTPCookies?
    /// Cookies to send back by name: a value and its lifetime in seconds, or "" to clear one.
    private(set) var cookiesToSet: [String: (value: String, lifetime: TimeInterval?)] = [:]

    func setCookie(_ name: String, _ value: String, lifetime: TimeInterval?) {
        cookiesToSet[name] = (value, lifetime)
    }

    /// A cookie set earlier in this request, which the browser does not send back until the next.
    func pendingCookie(_ name: String) -> String? {
        cookiesToSet[name]?.value
    }
}

extension Request {
    private struct AuthKey: StorageKey {
        typealias Value = AuthState
    }

    var authState: AuthState {
        if let state = storage[AuthKey.self] { return state }
        let state = AuthState()
        storage[AuthKey.self] = state
        return state
    }

    var user: UserRecord? { authState.user }

    /// The cookies the browser sent, parsed once: Vapor's `cookies` parses the header on every
    /// read, and a signed-in page read it four or five times (3% of a kept page's time).
    var sentCookies: HTTPCookies {
        let state = authState
        if let cookies = state.sentCookies { return cookies }
        let cookies = self.cookies
        state.sentCookies = cookies
        return cookies
    }

    /// The signed-in user, or a 401 the error middleware turns into a sign-in redirect or a problem.
    func requireUser() throws -> UserRecord {
        guard let user = authState.user else { throw Abort(.unauthorized) }
        return user
    }

    /// The signed-in user with every organization role, loaded once per request.
    func principal() async throws -> Principal? {
        if let principal = authState.principal { return principal }
        guard let user = authState.user else { return nil }
        let principal = try await Accounts.principal(for: user, on: db)
        authState.principal = principal
        return principal
    }

    func requirePrincipal() async throws -> Principal {
        guard let principal = try await principal() else { throw Abort(.unauthorized) }
        return principal
    }

    /// Throws 404, never 403, so that people cannot learn what exists in other organizations.
    func authorize(_ action: Action) async throws {
        guard Policy.allows(try await principal(), action) else { throw Abort(.notFound) }
    }

    func can(_ action: Action) async throws -> Bool {
        Policy.allows(try await principal(), action)
    }

    /// An entry for the audit log with the acting user and the client address filled in.
    func auditEntry(_ action: AuditAction, organizationID: UUID? = nil, detail: String = "",
                    actor: UserRecord? = nil) -> AuditEntry {
        let actor = actor ?? user
        return AuditEntry(organizationID: organizationID, actorUserID: actor?.id, actorEmail: actor?.email ?? "",
                          action: action, detail: detail, ip: clientIP)
    }
}
