import Foundation
import TryoutApp
import TryoutStore
import Vapor

/// Server-side sessions for signed-in browsers. The cookie carries a random token; the row holds
/// the user, the CSRF token and a one-shot flash message. Anonymous visitors get no row (a
/// crawler must not fill the table): their form token and flash live in signed cookies.
struct BrowserSessionMiddleware: AsyncMiddleware {
    static let cookieName = "tryout_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.sentCookies[Self.cookieName]?.string, !token.isEmpty {
            if let signedIn = try await Accounts.session(token: token, at: request.now, withHeader: Self.rendersPage(request), on: request.db) {
                request.authState.session = signedIn.session
                request.authState.user = signedIn.session.user
                request.authState.principal = signedIn.principal
                request.authState.header = signedIn.header.map(HeaderSummary.init)
            } else {
                request.authState.setCookie(Self.cookieName, "", lifetime: 0)
            }
        }
        let response = try await next.respond(to: request)
        for (name, cookie) in request.authState.cookiesToSet {
            response.cookies[name] = HTTPCookies.Value(
                string: cookie.value,
                expires: cookie.value.isEmpty ? Date(timeIntervalSince1970: 0) : nil,
                maxAge: cookie.value.isEmpty ? 0 : cookie.lifetime.map(Int.init),
                path: "/",
                isSecure: request.tryout.secureCookies,
                isHTTPOnly: true,
                sameSite: .lax
            )
        }
        return response
    }

    /// A page for the browser is likely, so its header is read with the session: a GET outside
    /// the API. A page that does not come (a download, a redirect) costs the header's counts, a
    /// form that renders again after an error reads the header itself.
    private static func rendersPage(_ request: Request) -> Bool {
        request.method == .GET && !request.url.path.hasPrefix("/api/")
    }
}

extension Request {
    /// The form token for the page about to render: the session's once signed in; for anonymous
    /// visitors a keyed hash of a random cookie (signed double submit).
    func csrfToken() async throws -> String {
        if let session = authState.session { return session.csrfToken }
        return try await AnonymousCookies.formToken(self)
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
        authState.header = nil
        authState.setCookie(BrowserSessionMiddleware.cookieName, token.value, lifetime: tryout.sessionLifetime)
    }

    /// Ends the session on the server and clears the cookie.
    func endSession() async throws {
        if let session = authState.session { try await session.delete(on: db) }
        authState.session = nil
        authState.user = nil
        authState.principal = nil
        authState.header = nil
        authState.setCookie(BrowserSessionMiddleware.cookieName, "", lifetime: 0)
    }

    // MARK: Flash messages

    enum FlashKind: String {
        case success, error
    }

    struct Flash: Equatable {
        var kind: FlashKind
        var message: String

        var stored: String { "\(kind.rawValue)|\(message)" }

        init(kind: FlashKind, message: String) {
            self.kind = kind
            self.message = message
        }

        init?(stored: String) {
            let parts = stored.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = FlashKind(rawValue: parts[0]) else { return nil }
            self.init(kind: kind, message: parts[1])
        }
    }

    /// A message for the next page: in the session when signed in, else in a signed cookie.
    func flash(_ message: String, _ kind: FlashKind = .success) async throws {
        let flash = Flash(kind: kind, message: message)
        if let session = authState.session {
            session.flash = flash.stored
            try await session.save(on: db)
        } else {
            try await AnonymousCookies.setFlash(self, flash)
        }
    }

    /// The pending flash message, removed so it shows once.
    func takeFlash() async throws -> Flash? {
        if let session = authState.session, let stored = session.flash {
            session.flash = nil
            try await session.save(on: db)
            return Flash(stored: stored)
        }
        return try await AnonymousCookies.takeFlash(self)
    }
}
