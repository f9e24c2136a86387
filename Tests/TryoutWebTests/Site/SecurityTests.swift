import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("CSRF")
struct CSRFTests {
    @Test("state-changing forms without the session's token are refused", arguments: ["", "forged-token"])
    func missingOrWrongToken(token: String) async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/signin")
            let res = try await t.post("/signin", ["email": "kim@x.io", "password": TestApp.password], csrf: token.isEmpty ? "" : token)
            #expect(res.status == .forbidden)
            #expect(t.cookies["tryout_session"] == nil)
            #expect(try await LoginAttemptRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("a token from another browser's session does not work")
    func tokenFromAnotherSession() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/signin")
            let stolen = try #require(t.csrf)
            t.clearCookies()
            try await t.get("/signin")
            let res = try await t.post("/signin", ["email": "kim@x.io", "password": TestApp.password], csrf: stolen)
            #expect(res.status == .forbidden)
        }
    }

    @Test("signed-in forms need the token too")
    func signedInForms() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.signIn("kim@x.io")
            let res = try await t.post("/settings/profile", ["name": "Hacked"], csrf: "x")
            #expect(res.status == .forbidden)
            #expect(try await Accounts.user(email: EmailAddress("kim@x.io")!, on: t.db)?.displayName == "kim@x.io")
        }
    }
}

@Suite("Sign-in throttling")
struct ThrottleTests {
    @Test("five failures lock the account for 15 minutes, even for the right password")
    func accountLock() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            for _ in 0..<5 {
                #expect(try await t.signIn("kim@x.io", password: "wrong password").status == .unauthorized)
            }
            let locked = try await t.signIn("kim@x.io")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers.first(name: .retryAfter) == "900")
            t.clock.advance(by: 15 * 60 + 1)
            #expect(try await t.signIn("kim@x.io").status == .seeOther)
        }
    }

    @Test("many failures from one address lock it for every account")
    func addressLock() async throws {
        let limit = LoginThrottle(perAccount: .init(count: 5, window: 900), perAddress: .init(count: 3, window: 3600))
        try await withTestApp(configure: { $0.loginThrottle = limit }) { t in
            try await Factory(t).user("kim@x.io")
            for n in 0..<3 {
                #expect(try await t.signIn("ghost\(n)@x.io", password: "wrong password").status == .unauthorized)
            }
            let res = try await t.signIn("kim@x.io")
            #expect(res.status == .tooManyRequests)
            #expect(Int(res.headers.first(name: .retryAfter) ?? "") == 3600)
        }
    }

    @Test("behind a proxy the address is the one the proxy added, whatever the client wrote before it")
    func forwardedAddress() async throws {
        let limit = LoginThrottle(perAccount: .init(count: 5, window: 900), perAddress: .init(count: 3, window: 3600))
        try await withTestApp(configure: { $0.loginThrottle = limit; $0.trustProxy = true }) { t in
            try await Factory(t).user("kim@x.io")
            for n in 0..<3 {
                try await t.get("/signin")
                let spoofed: HTTPHeaders = ["X-Forwarded-For": "10.0.0.\(n), 203.0.113.9"]
                let failed = try await t.post("/signin", ["email": "ghost\(n)@x.io", "password": "wrong password"], headers: spoofed)
                #expect(failed.status == .unauthorized)
            }
            try await t.get("/signin")
            let res = try await t.post("/signin", ["email": "kim@x.io", "password": TestApp.password], headers: ["X-Forwarded-For": "10.9.9.9, 203.0.113.9"])
            #expect(res.status == .tooManyRequests)
            let failures = try await AuditEventRecord.query(on: t.db).filter(\.$action == .signInFailed).all()
            #expect(failures.count == 3 && failures.allSatisfy { $0.ip == "203.0.113.9" })
        }
    }
}

@Suite("Escaping, headers and bad input")
struct HardeningTests {
    @Test("user text with markup comes out inert in text and in attributes")
    func escaping() async throws {
        try await withTestApp { t in
            let hostile = #"<script>alert(1)</script>" onmouseover="x'"#
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "employer", "name": hostile, "email": "nope", "password": "x",
                                                   "organization": hostile])
            let html = res.body.string
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(!html.contains(#"" onmouseover="x"#))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39;"))
        }
    }

    @Test("text in a page is escaped as typed: markup inert, quotes as they are, an entity shown as written")
    func textEscaping() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization(#"<b>R&amp;D</b> "Q" 'A' Ltd"#)
            let project = try await Factory(t).publishedProject(of: org)
            let html = try await t.get("/projects/\(try project.requireID())").body.string
            #expect(html.contains(#">&lt;b&gt;R&amp;amp;D&lt;/b&gt; "Q" 'A' Ltd</a>"#))
            #expect(!html.contains("<b>R&"))
        }
    }

    @Test("every response carries the security headers")
    func headers() async throws {
        try await withTestApp { t in
            for path in ["/", "/signin", "/no-such-page", "/healthz"] {
                let res = try await t.get(path)
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true, "\(path)")
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
            }
        }
    }

    @Test("unknown pages answer a 404 page; unknown API routes a problem document")
    func notFound() async throws {
        try await withTestApp { t in
            let page = try await t.get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType == .html)
            #expect(page.body.string.contains("Page not found"))
            let api = try await t.api(.GET, "/api/v1/nothing-here", token: nil)
            #expect(api.status == .notFound)
            #expect(api.headers.first(name: .contentType) == "application/problem+json")
        }
    }

    @Test("oversized bodies are refused before they are read")
    func bodyLimit() async throws {
        try await withTestApp { t in
            try await t.get("/signin")
            let big = String(repeating: "a", count: 300 * 1024)
            let res = try await t.post("/signin", ["email": big, "password": "x"])
            #expect(res.status == .payloadTooLarge)
        }
    }

    @Test("malformed and mistyped JSON get 400 and 422 problems with field errors")
    func badJSON() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let token = try await t.token(for: "kim@x.io")
            let malformed = try await t.api(.POST, "/api/v1/tokens", token: token, json: "{not json")
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers.first(name: .contentType) == "application/problem+json")
            let missing = try await t.api(.POST, "/api/v1/tokens", token: token, json: "{}")
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains(#""field":"name""#))
            let blank = try await t.api(.POST, "/api/v1/tokens", token: token, json: #"{"name":"  "}"#)
            #expect(blank.status == .unprocessableEntity)
            #expect(try await APITokenRecord.query(on: t.db).count() == 1)
        }
    }
}

@Suite("API input")
struct APIInputTests {
    @Test("bodies must be JSON objects sent as application/json")
    func mediaTypes() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let token = try await t.token(for: "kim@x.io")
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.contentType = .plainText
            let plain = try await t.send(.POST, "/api/v1/tokens", headers: headers, body: ByteBuffer(string: "name=x"))
            #expect(plain.status == .unsupportedMediaType)
            for body in ["[]", "null", #""x""#, ""] {
                let res = try await t.api(.POST, "/api/v1/tokens", token: token, json: body)
                #expect(res.status == .badRequest, "\(body)")
                #expect(res.body.string.contains("JSON object"), "\(body)")
            }
            #expect(try await APITokenRecord.query(on: t.db).count() == 1)
        }
    }

    @Test("a path used with the wrong method answers 405 with Allow")
    func methodNotAllowed() async throws {
        try await withTestApp { t in
            let api = try await t.api(.PUT, "/api/v1/me", token: nil)
            #expect(api.status == .methodNotAllowed)
            #expect(api.headers.first(name: .allow) == "GET, HEAD")
            #expect(api.headers.first(name: .contentType) == "application/problem+json")
            let page = try await t.send(.GET, "/signout")
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers.first(name: .allow) == "POST")
            let member = try await t.api(.POST, "/api/v1/organizations/acme/members/\(UUID())", token: nil)
            #expect(member.headers.first(name: .allow) == "DELETE, PATCH")
        }
    }

    @Test("a role the organization does not offer is a field error")
    func roleNotOffered() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            let token = try await t.token(for: "owner@acme.test")
            let res = try await t.api(.POST, "/api/v1/organizations/acme/invitations", token: token, json: #"{"email":"a@x.io","role":"staff"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains(#""field":"role""#))
            #expect(res.body.string.contains("not a role in an employer organization"))
        }
    }

    @Test("control characters never reach the database", arguments: ["NUL", "ESC"])
    func controlCharacters(name: String) async throws {
        let junk = name == "NUL" ? "\u{0}" : "\u{1b}[31m"
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let token = try await t.token(for: "kim@x.io")
            let api = try await t.api(.POST, "/api/v1/tokens", token: token, json: #"{"name":"a\#(junk == "\u{0}" ? "\\u0000" : "\\u001b[31m")b"}"#)
            #expect(api.status == .unprocessableEntity)
            let signIn = try await t.signIn("kim\(junk)@x.io")
            #expect(signIn.status == .unauthorized)
            try await t.get("/signup")
            let signUp = try await t.post("/signup", ["kind": "candidate", "name": "Ann\(junk)", "email": "ann@x.io", "password": "violet kettle mountain"])
            #expect(signUp.status == .unprocessableEntity)
            #expect(try await t.get("/orgs/bad%00slug").status == .notFound)
        }
    }

    @Test("lengths count code points, as the API schema does")
    func codePoints() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let token = try await t.token(for: "kim@x.io")
            let zalgo = String(repeating: "a\u{0301}\u{0302}", count: 30)
            #expect(zalgo.count == 30)
            let res = try await t.api(.POST, "/api/v1/tokens", token: token, json: #"{"name":"\#(zalgo)"}"#)
            #expect(res.status == .unprocessableEntity)
        }
    }
}
