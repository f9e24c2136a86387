import Foundation
import NIOConcurrencyHelpers
import TryoutStore
import Vapor

/// What an anonymous visitor's browser carries instead of a stored session: a random CSRF
/// cookie whose keyed hash goes into forms, and a flash message signed so that nobody else can
/// plant one. The key is made once per installation and kept in the database, so every server
/// process accepts the others' tokens.
enum AnonymousCookies {
    static let csrfCookie = "tryout_csrf"
    static let flashCookie = "tryout_flash"
    /// Long enough to fill in a form after a coffee break.
    static let csrfLifetime: TimeInterval = 12 * 3600

    static func formToken(_ req: Request) async throws -> String {
        let cookie: String
        if let existing = req.authState.pendingCookie(csrfCookie) ?? req.sentCookies[csrfCookie]?.string, !existing.isEmpty {
            cookie = existing
        } else {
            cookie = SecretToken().value
            req.authState.setCookie(csrfCookie, cookie, lifetime: csrfLifetime)
        }
        return try await sign("csrf", cookie, req)
    }

    /// True when `sent` is the form token for the visitor's CSRF cookie.
    static func acceptsFormToken(_ sent: String, _ req: Request) async throws -> Bool {
        guard let cookie = req.sentCookies[csrfCookie]?.string, !cookie.isEmpty else { return false }
        return ConstantTime.equal(sent, try await sign("csrf", cookie, req))
    }

    static func setFlash(_ req: Request, _ flash: Request.Flash) async throws {
        let payload = Data(flash.stored.utf8).base64URLEncoded
        req.authState.setCookie(flashCookie, payload + "." + (try await sign("flash", payload, req)), lifetime: 600)
    }

    static func takeFlash(_ req: Request) async throws -> Request.Flash? {
        guard let value = req.sentCookies[flashCookie]?.string, !value.isEmpty else { return nil }
        req.authState.setCookie(flashCookie, "", lifetime: 0)
        let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, ConstantTime.equal(parts[1], try await sign("flash", parts[0], req)),
              let data = Data(base64URLEncoded: parts[0]), let stored = String(data: data, encoding: .utf8)
        else { return nil }
        return Request.Flash(stored: stored)
    }

    /// HMAC-SHA256 of `value` under the installation's key, labelled by purpose so a form token
    /// can never pass for a flash signature.
    private static func sign(_ purpose: String, _ value: String, _ req: Request) async throws -> String {
        let key = SymmetricKey(data: Data(try await signingKey(req).utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(purpose):\(value)".utf8), using: key)
        return Data(mac).base64URLEncoded
    }

    /// The key never changes once made, so each process reads it once; `configure` puts the
    /// empty box in place before any request runs.
    private static func signingKey(_ req: Request) async throws -> String {
        guard let cache = req.application.storage[KeyCache.self] else { throw Abort(.internalServerError) }
        if let key = cache.withLockedValue({ $0 }) { return key }
        let key = try await AccountSecurity.instanceSecret("cookie-signing", at: req.now, on: req.db)
        cache.withLockedValue { $0 = key }
        return key
    }

    struct KeyCache: StorageKey {
        typealias Value = NIOLockedValueBox<String?>
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
