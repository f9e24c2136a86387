import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("Accounts and sessions")
struct AccountTests {
    @Test("a candidate signs up, is signed in and gets a profile")
    func candidateSignUp() async throws {
        try await withTestApp { t in
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "candidate", "name": "Ada Okafor", "email": "Ada@Example.com", "password": "violet kettle mountain"])
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/settings")
            let user = try #require(try await Accounts.user(email: EmailAddress("ada@example.com")!, on: t.db))
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(try await CandidateProfiles.profile(userID: user.requireID(), on: t.db)?.slug == "ada-okafor")
            let settings = try await t.get("/settings")
            #expect(settings.status == .ok)
            #expect(settings.body.string.contains("Signed in as ada@example.com"))
        }
    }

    @Test("an employer sign-up creates the organization with them as owner")
    func employerSignUp() async throws {
        try await withTestApp { t in
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "employer", "name": "Rosa", "email": "rosa@firm.io",
                                                   "password": "violet kettle mountain", "organization": "Firm & Co"])
            #expect(res.headers.first(name: .location) == "/orgs/firm-co/members")
            let org = try #require(try await Organizations.find(slug: "firm-co", on: t.db))
            let members = try await Organizations.members(of: org.requireID(), on: t.db)
            #expect(members.map(\.role) == [.owner])
            let page = try await t.get("/orgs/firm-co/members")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Firm &amp; Co"))
        }
    }

    @Test("bad sign-ups are shown again with every error and write nothing")
    func badSignUp() async throws {
        try await withTestApp { t in
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "employer", "name": "", "email": "nope", "password": "password123"])
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("Your name is required."))
            #expect(html.contains("Enter an e-mail address"))
            #expect(html.contains("too common"))
            #expect(html.contains("Organization name is required."))
            #expect(html.contains(#"aria-invalid="true""#))
            #expect(try await UserRecord.query(on: t.db).count() == 0)
            #expect(try await OrganizationRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("a taken e-mail address is refused")
    func duplicateEmail() async throws {
        try await withTestApp { t in
            try await Factory(t).user("sam@x.io")
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "employer", "name": "Sam", "email": "SAM@x.io",
                                                   "password": "violet kettle mountain", "organization": "Sam Inc"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("exists"))
            #expect(try await OrganizationRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("signing in replaces the session id, and signing out ends it on the server")
    func sessionRotation() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/signin")
            let anonymous = try #require(t.cookies["tryout_session"])
            let res = try await t.post("/signin", ["email": "kim@x.io", "password": TestApp.password])
            #expect(res.status == .seeOther)
            let signedIn = try #require(t.cookies["tryout_session"])
            #expect(signedIn != anonymous)
            // The pre-sign-in session is gone: a fixed session id is worthless.
            #expect(try await Accounts.session(token: anonymous, at: t.clock.now, on: t.db) == nil)
            let cookie = try #require(res.headers[.setCookie].first)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))

            try await t.signOut()
            #expect(try await Accounts.session(token: signedIn, at: t.clock.now, on: t.db) == nil)
            let replay = try await t.send(.GET, "/settings", headers: ["Cookie": "tryout_session=\(signedIn)"])
            #expect(replay.status == .seeOther)
            #expect(replay.headers.first(name: .location)?.hasPrefix("/signin") == true)
        }
    }

    @Test("cookies are Secure when the public address is https")
    func secureCookie() async throws {
        try await withTestApp(configure: { $0.publicURL = "https://tryout.example" }) { t in
            let res = try await t.get("/signin")
            #expect(res.headers[.setCookie].first?.contains("Secure") == true)
        }
    }

    @Test("a wrong password is refused and audited")
    func wrongPassword() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let res = try await t.signIn("kim@x.io", password: "not the password")
            #expect(res.status == .unauthorized)
            #expect(res.body.string.contains("not right"))
            let events = try await AuditLog.recent(on: t.db)
            #expect(events.map(\.action) == [.signInFailed])
        }
    }

    @Test("sign-in only redirects to paths on this site", arguments: [
        ("/settings", "/settings"), ("//evil.example/x", "/"), ("https://evil.example", "/"), ("/\\evil.example", "/"),
    ])
    func safeRedirect(next: String, expected: String) {
        #expect(AccountController.safeNext(next) == expected)
    }

    @Test("password reset by a one-time e-mailed link")
    func passwordReset() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/password/forgot")
            let res = try await t.post("/password/forgot", ["email": "kim@x.io"])
            #expect(res.status == .seeOther)
            let mail = try #require(try await Outbox.messages(to: "kim@x.io", on: t.db).first)
            let link = try #require(mail.body.split(separator: "\n").first { $0.contains("/password/reset/") })
            let path = String(link[link.range(of: "/password/reset/")!.lowerBound...])

            try await t.get(path)
            let weak = try await t.post(path, ["password": "12345678"])
            #expect(weak.status == .unprocessableEntity)
            let done = try await t.post(path, ["password": "a brand new passphrase"])
            #expect(done.headers.first(name: .location) == "/signin")
            #expect(try await t.signIn("kim@x.io").status == .unauthorized)
            #expect(try await t.signIn("kim@x.io", password: "a brand new passphrase").status == .seeOther)
            // The link works once.
            #expect(try await t.get(path).status == .notFound)
        }
    }

    @Test("asking to reset an unknown address looks the same and sends nothing")
    func resetUnknown() async throws {
        try await withTestApp { t in
            try await t.get("/password/forgot")
            let res = try await t.post("/password/forgot", ["email": "ghost@x.io"])
            #expect(res.status == .seeOther)
            #expect(try await OutboxRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("changing the password signs out other sessions")
    func changePassword() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let user = try #require(try await Accounts.user(email: EmailAddress("kim@x.io")!, on: t.db))
            let (_, other) = try await Accounts.createSession(userID: user.id, lifetime: 3600, at: t.clock.now, on: t.db)
            try await t.signIn("kim@x.io")
            try await t.get("/settings")
            let wrong = try await t.post("/settings/password", ["current": "nope nope", "password": "a brand new passphrase"])
            #expect(wrong.status == .unprocessableEntity)
            let res = try await t.post("/settings/password", ["current": TestApp.password, "password": "a brand new passphrase"])
            #expect(res.status == .seeOther)
            #expect(try await Accounts.session(token: other.value, at: t.clock.now, on: t.db) == nil)
            #expect(try await t.get("/settings").status == .ok)
        }
    }
}
