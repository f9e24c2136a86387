import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("Accounts and sessions")
struct AccountTests {
    @Test("a candidate signs up, confirms the address by the e-mailed link, then signs in to a profile")
    func candidateSignUp() async throws {
        try await withTestApp { t in
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "candidate", "name": "Ada Okafor", "email": "Ada@Example.com", "password": "violet kettle mountain"])
            #expect(res.status == .ok)
            #expect(res.body.string.contains("Check your inbox"))
            #expect(t.cookies["tryout_session"] == nil, "sign-up must not sign in: it would tell who already has an account")
            let user = try #require(try await Accounts.user(email: EmailAddress("ada@example.com")!, on: t.db))
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(user.emailVerifiedAt == nil)
            #expect(try await CandidateProfiles.profile(userID: user.requireID(), on: t.db)?.slug == "ada-okafor")

            let confirm = try await mailedLink("/email/verify/", to: "ada@example.com", t)
            let verified = try await t.get(confirm)
            #expect(verified.headers.first(name: .location) == "/signin?next=%2Fprofile%2Fstart", "a new candidate starts with their profile")
            #expect(try await Accounts.user(email: EmailAddress("ada@example.com")!, on: t.db)?.emailVerifiedAt != nil)
            #expect(try await t.get("/signin").body.string.contains("is confirmed"))
            #expect(try await t.get(confirm).status == .notFound, "a confirmation link works once")
            try await t.signIn("ada@example.com", password: "violet kettle mountain")
            #expect(try await t.get("/settings").body.string.contains("Signed in as ada@example.com"))
        }
    }

    @Test("an employer sign-up creates the organization with them as owner")
    func employerSignUp() async throws {
        try await withTestApp { t in
            try await t.get("/signup")
            let res = try await t.post("/signup", ["kind": "employer", "name": "Rosa", "email": "rosa@firm.io",
                                                   "password": "violet kettle mountain", "organization": "Firm & Co"])
            #expect(res.status == .ok)
            let org = try #require(try await Organizations.find(slug: "firm-co", on: t.db))
            let members = try await Organizations.members(of: org.requireID(), on: t.db)
            #expect(members.map(\.role) == [.owner])
            try await t.get(try await mailedLink("/email/verify/", to: "rosa@firm.io", t))
            try await t.signIn("rosa@firm.io", password: "violet kettle mountain")
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

    @Test("signing up with a taken address answers as for a new one; only the owner hears of it")
    func duplicateEmail() async throws {
        try await withTestApp { t in
            try await Factory(t).user("sam@x.io")
            try await t.get("/signup")
            let taken = try await t.post("/signup", ["kind": "employer", "name": "Sam", "email": "SAM@x.io",
                                                     "password": "violet kettle mountain", "organization": "Sam Inc"])
            let fresh = try await t.post("/signup", ["kind": "employer", "name": "Sue", "email": "sue@x.io",
                                                     "password": "violet kettle mountain", "organization": "Sue Inc"])
            #expect(taken.status == fresh.status)
            #expect(taken.body.string.replacingOccurrences(of: "sam@x.io", with: "sue@x.io") == fresh.body.string)
            #expect(!taken.body.string.contains("exists"))
            #expect(try await Organizations.find(slug: "sam-inc", on: t.db) == nil)
            let notes = try await Outbox.messages(to: "sam@x.io", on: t.db)
            #expect(notes.map(\.subject) == ["You already have a Tryout account"])
        }
    }

    @Test("signing in replaces the session id, and signing out ends it on the server")
    func sessionRotation() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/signin")
            // A session id planted before sign-in is worthless: signing in makes a new one.
            let planted = "planted-session-id"
            let res = try await t.send(.POST, "/signin", headers: ["Content-Type": "application/x-www-form-urlencoded",
                                                                   "Cookie": "tryout_session=\(planted); tryout_csrf=\(t.cookies["tryout_csrf"] ?? "")"],
                                       body: ByteBuffer(string: TestApp.formEncode(["email": "kim@x.io", "password": TestApp.password, "_csrf": t.csrf ?? ""])))
            #expect(res.status == .seeOther)
            let signedIn = try #require(t.cookies["tryout_session"])
            #expect(signedIn != planted)
            let cookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("tryout_session=") })
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

    @Test("sign-in only redirects to paths on this site, however the address is disguised")
    func safeRedirect() async throws {
        let corpus = [
            ("/settings", "/settings"), ("/ok?a=b", "/ok?a=b"), ("//x", "/"), ("/\\x", "/"), ("/\t/x", "/"), ("/%09/x", "/"),
            ("/%5Cx", "/"), ("\\x", "/"), ("/\r\n/x", "/"), (" /x", "/"), ("https://x", "/"), ("javascript:alert(1)", "/"),
            ("/\t\\example.com", "/"), ("/%2F/x", "/"), ("/a b", "/"), ("/x\u{FEFF}", "/"),
        ]
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            for (next, expected) in corpus {
                t.clearCookies()
                try await t.get("/signin")
                let res = try await t.post("/signin", ["email": "kim@x.io", "password": TestApp.password, "next": next])
                #expect(res.headers.first(name: .location) == expected, "\(next.debugDescription)")
            }
        }
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

    @Test("changing the password ends other sessions, API tokens, the calendar address and reset links; this browser stays")
    func changePassword() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let user = try #require(try await Accounts.user(email: EmailAddress("kim@x.io")!, on: t.db))
            let (_, other) = try await Accounts.createSession(userID: user.id, lifetime: 3600, at: t.clock.now, on: t.db)
            let (_, apiToken) = try await Accounts.createToken(userID: try user.requireID(), name: "laptop", at: t.clock.now, on: t.db)
            let feed = try await CalendarFeeds.create(userID: try user.requireID(), at: t.clock.now, on: t.db)
            let reset = try await Accounts.createPasswordReset(userID: try user.requireID(), at: t.clock.now, on: t.db)
            try await t.signIn("kim@x.io")
            try await t.get("/settings")
            let wrong = try await t.post("/settings/password", ["current": "nope nope", "password": "a brand new passphrase"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await t.api(.GET, "/api/v1/me", token: apiToken).status == .ok)
            let res = try await t.post("/settings/password", ["current": TestApp.password, "password": "a brand new passphrase"])
            #expect(res.status == .seeOther)
            let page = try await t.get("/settings")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("your API tokens were revoked"))
            #expect(try await Accounts.session(token: other.value, at: t.clock.now, on: t.db) == nil)
            #expect(try await t.api(.GET, "/api/v1/me", token: apiToken).status == .unauthorized)
            #expect(try await t.get("/calendar/\(feed).ics").status == .notFound)
            #expect(try await t.get("/password/reset/\(reset.value)").status == .notFound)
            #expect(try await t.get("/settings").status == .ok)
            #expect(try await Outbox.messages(to: "kim@x.io", on: t.db).map(\.subject) == ["Your Tryout password was changed"])
        }
    }
}

/// The path of the link starting `prefix` in the newest e-mail to `address` holding one.
func mailedLink(_ prefix: String, to address: String, _ t: TestApp) async throws -> String {
    let mail = try #require(try await Outbox.messages(to: address, on: t.db).first { $0.body.contains(prefix) })
    let line = try #require(mail.body.split(separator: "\n").first { $0.contains(prefix) })
    return String(line[line.range(of: prefix)!.lowerBound...]).trimmingCharacters(in: .whitespaces)
}
