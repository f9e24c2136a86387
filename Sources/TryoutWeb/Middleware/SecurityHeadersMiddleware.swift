import Vapor

/// Headers that keep pages from running injected script, being framed or leaking URLs.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if request.application.tryout.secureCookies {
            // Once a browser has seen the site over https it never tries plain http again.
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=63072000")
        }
        let personal = request.authState.user != nil || request.authState.session != nil
            || !request.authState.cookiesToSet.isEmpty || request.sentCookies[AnonymousCookies.csrfCookie] != nil
        if personal {
            // Pages for one person (signed in, or holding their form token) must not be kept by shared caches.
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
