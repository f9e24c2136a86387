import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Plain-text "hashes": the service's rules, not bcrypt, are under test here.
struct PlainPasswords: PasswordHashing {
    func hash(_ password: String) async throws -> String { "plain:" + password }
    func verify(_ password: String, against hash: String?) async throws -> Bool { hash == "plain:" + password }
}

struct TestLinks: MailLinks {
    var signIn: String { "https://tryout.test/signin" }
    var forgotPassword: String { "https://tryout.test/password/forgot" }
    func verifyEmail(token: String, next: String?) -> String { "https://tryout.test/email/verify/\(token)" }
    func resetPassword(token: String) -> String { "https://tryout.test/password/reset/\(token)" }
    var base: String { "https://tryout.test" }
}

extension TestApp {
    /// A context as a command or a job would build one: no HTTP request anywhere.
    func context(from address: String = "192.0.2.1") -> ActionContext {
        ActionContext(db: db, now: clock.now, client: ClientInfo(address: address), mail: Mailer(links: TestLinks()), passwords: PlainPasswords(),
                      payments: app.tryout.paymentSettings)
    }
}

@Suite("Accounts service")
struct AccountsServiceTests {
    private func signUp(_ email: String, kind: String = "candidate") throws -> SignUp {
        try SignUp.validate(name: "Ada Okafor", email: email, password: "violet kettle mountain", kind: kind,
                            organizationName: kind == "candidate" ? nil : "Okafor Labs")
    }

    @Test("signing up makes an unconfirmed account and mails its link; a taken address only mails its owner")
    func signUpAndTaken() async throws {
        try await withTestApp { t in
            try await AccountsService.signUp(try signUp("ada@x.io"), t.context())
            let ada = try #require(try await Accounts.user(email: EmailAddress("ada@x.io")!, on: t.db))
            #expect(ada.emailVerifiedAt == nil && ada.passwordHash == "plain:violet kettle mountain")
            let link = try #require(try await Outbox.messages(to: "ada@x.io", on: t.db).first)
            #expect(link.body.contains("https://tryout.test/email/verify/"))

            t.clock.advance(by: 60)
            try await AccountsService.signUp(try signUp("ADA@x.io", kind: "employer"), t.context())
            #expect(try await Organizations.find(slug: "okafor-labs", on: t.db) == nil)
            #expect(try await Outbox.messages(to: "ada@x.io", on: t.db).first?.subject == "You already have a Tryout account")
        }
    }

    @Test("signing in: wrong passwords lock the account, whatever way the address is typed")
    func signInThrottle() async throws {
        try await withTestApp { t in
            try await AccountsService.signUp(try signUp("ada@x.io"), t.context())
            let throttle = LoginThrottle(perAccount: .init(count: 2, window: 900))
            await #expect(throws: AccountRefusal.wrongCredentials) {
                try await AccountsService.signIn(typed: "ada@x.io", password: "nope", throttle: throttle, t.context())
            }
            await #expect(throws: AccountRefusal.wrongCredentials) {
                try await AccountsService.signIn(typed: " ADA@x.io\n", password: "nope", throttle: throttle, t.context(from: "192.0.2.2"))
            }
            await #expect(throws: AccountRefusal.tooMany(retryAfter: 900)) {
                try await AccountsService.signIn(typed: "ada@x.io\u{FEFF}", password: "violet kettle mountain", throttle: throttle, t.context())
            }
            t.clock.advance(by: 901)
            let user = try await AccountsService.signIn(typed: "ada@x.io", password: "violet kettle mountain", throttle: throttle, t.context())
            #expect(user.email == "ada@x.io")
        }
    }

    @Test("a reset by link revokes tokens and other links, confirms the address, and the link works once")
    func reset() async throws {
        try await withTestApp { t in
            try await AccountsService.signUp(try signUp("ada@x.io"), t.context())
            let ada = try #require(try await Accounts.user(email: EmailAddress("ada@x.io")!, on: t.db))
            await #expect(throws: AccountRefusal.unconfirmedAddress("ada@x.io")) {
                try await TokensService.create(for: ada, name: "laptop", t.context())
            }
            let (_, secret) = try await Accounts.createToken(userID: try ada.requireID(), name: "old", at: t.clock.now, on: t.db)
            t.clock.advance(by: 60)
            try await AccountsService.requestPasswordReset(EmailAddress("ada@x.io")!, t.context())
            let older = try #require(try await Outbox.messages(to: "ada@x.io", on: t.db).first?.body)
            t.clock.advance(by: 60)
            try await AccountsService.requestPasswordReset(EmailAddress("ada@x.io")!, t.context())
            let newer = try #require(try await Outbox.messages(to: "ada@x.io", on: t.db).first?.body)
            func token(_ body: String) throws -> String {
                let line = try #require(body.split(separator: "\n").first { $0.contains("/password/reset/") })
                return String(line.split(separator: "/").last!)
            }
            await #expect(throws: AccountRefusal.weakPassword(PasswordPolicy.problem(with: "password", email: "ada@x.io")!)) {
                try await AccountsService.resetPassword(token: try token(newer), to: "password", t.context())
            }
            t.clock.advance(by: 60)
            let user = try await AccountsService.resetPassword(token: try token(newer), to: "a brand new passphrase", t.context())
            #expect(user.emailVerifiedAt != nil)
            #expect(try await Accounts.user(bearer: secret, at: t.clock.now, on: t.db) == nil)
            await #expect(throws: AccountRefusal.linkUnusable) { try await AccountsService.resetLink(try token(older), t.context()) }
            await #expect(throws: AccountRefusal.linkUnusable) { try await AccountsService.resetLink(try token(newer), t.context()) }
            let (_, fresh) = try await TokensService.create(for: user, name: "laptop", t.context())
            #expect(fresh.hasPrefix("tt_"))
        }
    }

    @Test("reset requests: three an hour for one address, whether or not it has an account")
    func resetLimit() async throws {
        try await withTestApp { t in
            for _ in 0..<3 { try await AccountsService.requestPasswordReset(EmailAddress("ghost@x.io")!, t.context()) }
            await #expect(throws: AccountRefusal.tooMany(retryAfter: 3600)) {
                try await AccountsService.requestPasswordReset(EmailAddress("ghost@x.io")!, t.context(from: "192.0.2.9"))
            }
            #expect(try await Outbox.messages(to: "ghost@x.io", on: t.db).isEmpty)
        }
    }
}
