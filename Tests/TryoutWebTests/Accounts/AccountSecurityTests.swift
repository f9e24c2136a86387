import FluentKit
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

/// Ways to take over or flood an account, tried as an attacker would.
@Suite("Account takeover and flooding")
struct AccountSecurityTests {
    @Test("a locked account stays locked however the address is padded, even with the right password")
    func throttleKeyIsTheAccount() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            for _ in 0..<5 { try await t.signIn("kim@x.io", password: "wrong password") }
            #expect(try await t.signIn("kim@x.io", password: "wrong password").status == .tooManyRequests)
            for padded in ["kim@x.io\n", "kim@x.io\r", "kim@x.io\u{0B}", "kim@x.io\u{0C}", "kim@x.io\u{FEFF}", "kim@x.io\n\n", " KIM@x.io"] {
                #expect(try await t.signIn(padded, password: "wrong password").status == .tooManyRequests, "\(padded.debugDescription)")
            }
            let right = try await t.signIn("kim@x.io\n\n\n")
            #expect(right.status == .tooManyRequests)
            #expect(t.cookies["tryout_session"] == nil)
        }
    }

    @Test("a password reset takes the account back: sessions, API tokens, calendar address and older links all stop working")
    func resetRevokesEverything() async throws {
        try await withTestApp { t in
            // Someone signs up with kim's address, which they cannot prove, and sets up access.
            try await t.get("/signup")
            try await t.post("/signup", ["kind": "candidate", "name": "Not Kim", "email": "kim@x.io", "password": "violet kettle mountain"])
            let squatter = try #require(try await Accounts.user(email: EmailAddress("kim@x.io")!, on: t.db))
            let (_, apiToken) = try await Accounts.createToken(userID: try squatter.requireID(), name: "mine", at: t.clock.now, on: t.db)
            let feed = try await CalendarFeeds.create(userID: try squatter.requireID(), at: t.clock.now, on: t.db)
            try await t.signIn("kim@x.io", password: "violet kettle mountain")
            let squatterSession = try #require(t.cookies["tryout_session"])
            #expect(try await t.api(.GET, "/api/v1/me", token: apiToken).status == .ok)

            // The real owner asks for two links and uses the newer one.
            t.clearCookies()
            try await t.get("/password/forgot")
            try await t.post("/password/forgot", ["email": "kim@x.io"])
            let older = try await mailedLink("/password/reset/", to: "kim@x.io", t)
            t.clock.advance(by: 60)
            try await t.post("/password/forgot", ["email": "kim@x.io"])
            let newer = try await mailedLink("/password/reset/", to: "kim@x.io", t)
            #expect(older != newer)
            t.clock.advance(by: 60)
            try await t.get(newer)
            let done = try await t.post(newer, ["password": "the real owner's passphrase"])
            #expect(done.headers.first(name: .location) == "/signin")
            #expect(try await t.get("/signin").body.string.contains("your API tokens were revoked"))

            #expect(try await t.api(.GET, "/api/v1/me", token: apiToken).status == .unauthorized)
            #expect(try await t.get("/calendar/\(feed).ics").status == .notFound)
            #expect(try await Accounts.session(token: squatterSession, at: t.clock.now, on: t.db) == nil)
            #expect(try await t.get(older).status == .notFound, "an older reset link must die with the newer one's use")
            #expect(try await Accounts.user(email: EmailAddress("kim@x.io")!, on: t.db)?.emailVerifiedAt != nil,
                    "a reset by e-mailed link proves the address")
            let notice = try #require(try await Outbox.messages(to: "kim@x.io", on: t.db).first)
            #expect(notice.subject == "Your Tryout password was changed")
            #expect(notice.body.contains("revoked its API tokens"))
        }
    }

    @Test("until the address is proved: no API tokens, calendar address, applications or student places; then all of them")
    func unprovedAccountsWait() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme")
            let project = try await Factory(t).publishedProject(of: org)
            let ada = try await Factory(t).candidate("ada@x.io", name: "Ada")
            ada.emailVerifiedAt = nil
            try await ada.save(on: t.db)
            try await t.signIn("ada@x.io")
            let settings = try await t.get("/settings")
            #expect(settings.body.string.contains("not confirmed yet"))

            let token = try await t.post("/settings/tokens", ["tokenName": "laptop"])
            #expect(token.status == .forbidden)
            #expect(try await t.post("/settings/calendar").status == .forbidden)
            let projectPage = try await t.get("/projects/\(try project.requireID())")
            #expect(projectPage.body.string.contains("Confirm your e-mail address to apply"))
            let applied = try await t.post("/projects/\(try project.requireID())/apply", ["answers.0": "Keen", "coverNote": "Hello"])
            #expect(applied.status == .forbidden)
            // A partner's student invitation sent to this address waits too.
            let school = try await Factory(t).organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            let staff = try #require(try await Accounts.user(email: EmailAddress("staff@lakeside.test")!, on: t.db))
            let (_, link) = try #require(try await PartnerStudents.invite([EmailAddress("ada@x.io")!], to: try school.requireID(),
                                                                           invitedBy: try staff.requireID(), at: t.clock.now, on: t.db).first)
            try await t.get("/students/join/\(link.value)")
            #expect(try await t.post("/students/join/\(link.value)/accept").status == .forbidden)
            #expect(try await APITokenRecord.query(on: t.db).count() == 0)
            #expect(try await CalendarFeedRecord.query(on: t.db).count() == 0)
            #expect(try await ApplicationRecord.query(on: t.db).count() == 0)
            #expect(try await PartnerStudentRecord.query(on: t.db).count() == 0)

            // A new link, at most three an hour.
            try await t.get("/settings")
            for _ in 0..<3 { try await t.post("/settings/email/verification") }
            let fourth = try await t.post("/settings/email/verification")
            #expect(fourth.status == .seeOther)
            #expect(try await t.get("/settings").body.string.contains("We have sent several links already"))
            #expect(try await Outbox.messages(to: "ada@x.io", on: t.db).count == 3)

            try await t.get(try await mailedLink("/email/verify/", to: "ada@x.io", t))
            try await t.get("/settings")
            #expect(try await t.post("/settings/tokens", ["tokenName": "laptop"]).status == .created)
            try await t.get("/projects/\(try project.requireID())")
            #expect(try await t.post("/projects/\(try project.requireID())/apply", ["answers.0": "Keen", "coverNote": "Hello"]).status == .seeOther)
            try await t.get("/students/join/\(link.value)")
            #expect(try await t.post("/students/join/\(link.value)/accept").status == .seeOther)
            #expect(try await PartnerStudentRecord.query(on: t.db).count() == 1)
        }
    }

    @Test("reset e-mails: three an hour per address, fifty per client, and the same answer for unknown addresses")
    func resetThrottle() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/password/forgot")
            for _ in 0..<3 { #expect(try await t.post("/password/forgot", ["email": "kim@x.io"]).status == .seeOther) }
            let fourth = try await t.post("/password/forgot", ["email": "KIM@x.io "])
            #expect(fourth.status == .tooManyRequests)
            #expect(fourth.headers.first(name: .retryAfter) != nil)
            #expect(try await Outbox.messages(to: "kim@x.io", on: t.db).count == 3)
            // Unknown addresses count the same, so the limit does not tell who has an account.
            for index in 0..<(RequestLimits.resetPerClient.count - 3) {
                #expect(try await t.post("/password/forgot", ["email": "ghost\(index)@x.io"]).status == .seeOther)
            }
            #expect(try await t.post("/password/forgot", ["email": "ghost99@x.io"]).status == .tooManyRequests)
            t.clock.advance(by: 3601)
            #expect(try await t.post("/password/forgot", ["email": "kim@x.io"]).status == .seeOther)
        }
    }

    @Test("anonymous pages store no session; their forms still work, with a token bound to the visitor's cookie")
    func anonymousFormsWithoutSessions() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            let before = try await SessionRecord.query(on: t.db).count()
            for index in 0..<100 {
                t.clearCookies()
                try await t.get(["/", "/signin", "/signup", "/password/forgot", "/projects"][index % 5])
            }
            #expect(try await SessionRecord.query(on: t.db).count() == before)

            t.clearCookies()
            try await t.get("/signin")
            let token = try #require(t.csrf)
            // Another visitor's cookie does not go with this token.
            let forged = try await t.send(.POST, "/signin", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "tryout_csrf=someone-else"],
                                          body: ByteBuffer(string: TestApp.formEncode(["email": "kim@x.io", "password": TestApp.password, "_csrf": token])))
            #expect(forged.status == .forbidden)
            #expect(try await t.signIn("kim@x.io").status == .seeOther)
            #expect(try await SessionRecord.query(on: t.db).count() == before + 1)
            // A flash for an anonymous visitor travels signed; a planted one is ignored.
            t.clearCookies()
            let planted = try await t.send(.GET, "/signin", headers: ["Cookie": "tryout_flash=ZXJyb3J8UGF5IG5vdw.bad"])
            #expect(!planted.body.string.contains("Pay now"))
        }
    }

    @Test("sign-ups from one client are limited; mail about one address is limited, the answer never changes")
    func signUpThrottle() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.get("/signup")
            for _ in 0..<4 {
                let again = try await t.post("/signup", ["kind": "candidate", "name": "Kim", "email": "kim@x.io", "password": "violet kettle mountain"])
                #expect(again.status == .ok)
            }
            #expect(try await Outbox.messages(to: "kim@x.io", on: t.db).count == RequestLimits.signUpMailPerAccount.count)
            for index in 0..<(RequestLimits.signUpPerClient.count - 4) {
                let res = try await t.post("/signup", ["kind": "candidate", "name": "Person", "email": "p\(index)@x.io", "password": "violet kettle mountain"])
                #expect(res.status == .ok)
            }
            let limited = try await t.post("/signup", ["kind": "candidate", "name": "Person", "email": "p99@x.io", "password": "violet kettle mountain"])
            #expect(limited.status == .tooManyRequests)
            #expect(try await Accounts.user(email: EmailAddress("p99@x.io")!, on: t.db) == nil)
        }
    }

    @Test("Strict-Transport-Security when served over https")
    func strictTransport() async throws {
        try await withTestApp(configure: { $0.publicURL = "https://tryout.example" }) { t in
            let secure = try await t.get("/healthz")
            #expect(secure.headers.first(name: "Strict-Transport-Security") == "max-age=63072000")
        }
        try await withTestApp { t in
            let plain = try await t.get("/healthz")
            #expect(plain.headers.first(name: "Strict-Transport-Security") == nil)
        }
    }

    @Test("in production /metrics needs the metrics token")
    func metricsToken() async throws {
        try await withTestApp(configure: { $0.metricsOpen = false; $0.metricsToken = "metrics-secret-value" }) { t in
            #expect(try await t.get("/metrics").status == .unauthorized)
            #expect(try await t.send(.GET, "/metrics", headers: ["Authorization": "Bearer wrong"]).status == .unauthorized)
            let allowed = try await t.send(.GET, "/metrics", headers: ["Authorization": "Bearer metrics-secret-value"])
            #expect(allowed.status == .ok)
            #expect(allowed.body.string.contains("http_requests_total"))
        }
        try await withTestApp(configure: { $0.metricsOpen = false }) { t in
            let unset = try await t.send(.GET, "/metrics", headers: ["Authorization": "Bearer "])
            #expect(unset.status == .unauthorized)
        }
    }
}
