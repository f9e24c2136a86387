import Foundation
import TryoutStore
import Vapor

/// Server-side sessions for browsers. The cookie carries a random token; the row holds the user,
/// the CSRF token and a one-shot flash message.
struct BrowserSessionMiddleware: AsyncMiddleware {
    static let cookieName = "tryout_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty {
            if let session = try await Accounts.session(token: token, at: request.now, on: request.db) {
                request.authState.session = session
                request.authState.user = session.user
            } else {
                request.authState.cookieToSet = ""
            }
        }
        let response = try await next.respond(to: request)
        if let value = request.authState.cookieToSet {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: value,
                expires: value.isEmpty ? Date(timeIntervalSince1970: 0) : nil,
                maxAge: value.isEmpty ? 0 : Int(request.tryout.sessionLifetime),
                path: "/",
                isSecure: request.tryout.secureCookies,
                isHTTPOnly: true,
                sameSite: .lax
            )
        }
        return response
    }
}

/// Anonymous sessions only carry a CSRF token for the sign-in and sign-up forms.
private let anonymousSessionLifetime: TimeInterval = 2 * 3600

extension Request {
    /// The session, created (anonymous) when the page about to render holds a form.
    func ensureSession() async throws -> SessionRecord {
        if let session = authState.session { return session }
        let (session, token) = try await Accounts.createSession(userID: nil, lifetime: anonymousSessionLifetime, at: now, on: db)
        authState.session = session
        authState.cookieToSet = token.value
        return session
    }

    func csrfToken() async throws -> String {
        try await ensureSession().csrfToken
    }

    /// Signs `user` in with a brand-new session id, so a session fixed before sign-in is worthless.
    func startSession(for user: UserRecord) async throws {
        let flash = authState.session?.flash
        if let old = authState.session { try await old.delete(on: db) }
        let (session, token) = try await Accounts.createSession(userID: try user.requireID(), lifetime: tryout.sessionLifetime, at: now, on: db)
        session.flash = flash
        authState.session = session
        authState.user = user
        authState.principal = nil
        authState.cookieToSet = token.value
    }

    /// Ends the session on the server and clears the cookie.
    func endSession() async throws {
        if let session = authState.session { try await session.delete(on: db) }
        authState.session = nil
        authState.user = nil
        authState.principal = nil
        authState.cookieToSet = ""
    }

    // MARK: Flash messages

    enum FlashKind: String {
        case success, error
    }

    struct Flash {
        var kind: FlashKind
        var message: String
    }

    func flash(_ message: String, _ kind: FlashKind = .success) async throws {
        let session = try await ensureSession()
        session.flash = "\(kind.rawValue)|\(message)"
        try await session.save(on: db)
    }

    /// The pending flash message, removed so it shows once.
    func takeFlash() async throws -> Flash? {
        guard let session = authState.session, let stored = session.flash else { return nil }
        session.flash = nil
        try await session.save(on: db)
        let parts = stored.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = FlashKind(rawValue: parts[0]) else { return nil }
        return Flash(kind: kind, message: parts[1])
    }
}
