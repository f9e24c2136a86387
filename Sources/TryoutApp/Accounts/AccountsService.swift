import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Why an account action did not happen, for the page or the API to say.
public enum AccountRefusal: Error, Equatable, Sendable {
    /// A rate limit was reached; another try is allowed after this many seconds.
    case tooMany(retryAfter: Int)
    /// The e-mail address or the password is not right.
    case wrongCredentials
    /// The e-mailed link is unknown, used or expired.
    case linkUnusable
    /// The new password breaks the password policy; the reason is worded for the person.
    case weakPassword(String)
    /// The account's address is not proved yet, and the action acts in its name beyond a session.
    case unconfirmedAddress(String)
}

/// Signing up, signing in, proving an address and taking an account back. Each action runs
/// its writes, audit entries and e-mails in one transaction.
public enum AccountsService {
    /// Creates the account (and its organization or candidate profile) and mails a confirmation
    /// link, or, when the address already has an account, mails its owner instead: the caller
    /// answers the same either way and signs nobody in, so nobody learns who has an account.
    public static func signUp(_ signUp: SignUp, _ ctx: ActionContext) async throws {
        if let wait = try await AccountSecurity.retryAfter(.signUpClient, key: ctx.client.address, limit: RequestLimits.signUpPerClient,
                                                           at: ctx.now, on: ctx.db) {
            throw AccountRefusal.tooMany(retryAfter: wait)
        }
        try await AccountSecurity.record(.signUpClient, key: ctx.client.address, at: ctx.now, on: ctx.db)
        let hash = try await ctx.passwords.hash(signUp.password)
        try await ctx.act(locking: .none) { ctx in
            let email = signUp.email.value
            let mayMail = try await AccountSecurity.retryAfter(.signUpMail, key: email, limit: RequestLimits.signUpMailPerAccount,
                                                               at: ctx.now, on: ctx.db) == nil
            if mayMail { try await AccountSecurity.record(.signUpMail, key: email, at: ctx.now, on: ctx.db) }
            if let existing = try await Accounts.user(email: signUp.email, on: ctx.db) {
                if mayMail { try await AccountMail.alreadyRegistered(existing, ctx) }
                return
            }
            let user = try await Accounts.createUser(email: signUp.email, displayName: signUp.name, passwordHash: hash, at: ctx.now, on: ctx.db)
            let userID = try user.requireID()
            try await ctx.audit(.signedUp, by: user)
            if let kind = signUp.kind.organizationKind, let name = signUp.organizationName {
                let org = try await Organizations.create(kind: kind, name: name, ownerID: userID, at: ctx.now, on: ctx.db)
                try await ctx.audit(.organizationCreated, by: user, organizationID: org.id, detail: org.name)
            } else {
                try await CandidateProfiles.create(userID: userID, name: signUp.name, at: ctx.now, on: ctx.db)
            }
            if mayMail { try await AccountMail.confirmAddress(user, next: signUp.next, ctx) }
        }
    }

    /// The account for `typed` and `password`. Failures count against the address that finds the
    /// account, however it was typed, and against the client; a locked account is not even tried.
    public static func signIn(typed: String, password: String, throttle: LoginThrottle, _ ctx: ActionContext) async throws -> UserRecord {
        let key = LoginThrottle.accountKey(typed)
        let since = ctx.now.addingTimeInterval(-max(throttle.perAccount.window, throttle.perAddress.window))
        let accountFailures = try await Accounts.failedAttempts(email: key, since: since, on: ctx.db)
        let addressFailures = try await Accounts.failedAttempts(ip: ctx.client.address, since: since, on: ctx.db)
        if let wait = throttle.retryAfter(accountFailures: accountFailures, addressFailures: addressFailures, now: ctx.now) {
            throw AccountRefusal.tooMany(retryAfter: wait)
        }
        let user: UserRecord? = if let email = EmailAddress(typed) { try await Accounts.user(email: email, on: ctx.db) } else { nil }
        let valid = try await ctx.passwords.verify(password, against: user?.passwordHash)
        try await Accounts.recordAttempt(email: key, ip: ctx.client.address, succeeded: valid, at: ctx.now, on: ctx.db)
        guard valid, let user else {
            try await ctx.audit(.signInFailed, by: user, detail: key)
            throw AccountRefusal.wrongCredentials
        }
        try await ctx.audit(.signedIn, by: user)
        return user
    }

    /// Mails a reset link if the address has an account. Limited per address and per client,
    /// counted whether or not the address has an account, so the limit tells nothing either.
    public static func requestPasswordReset(_ email: EmailAddress, _ ctx: ActionContext) async throws {
        let waits = [
            try await AccountSecurity.retryAfter(.resetClient, key: ctx.client.address, limit: RequestLimits.resetPerClient, at: ctx.now, on: ctx.db),
            try await AccountSecurity.retryAfter(.resetAccount, key: email.value, limit: RequestLimits.resetPerAccount, at: ctx.now, on: ctx.db),
        ]
        if let wait = waits.compactMap({ $0 }).max() { throw AccountRefusal.tooMany(retryAfter: wait) }
        try await ctx.act(locking: .none) { ctx in
            try await AccountSecurity.record(.resetClient, key: ctx.client.address, at: ctx.now, on: ctx.db)
            try await AccountSecurity.record(.resetAccount, key: email.value, at: ctx.now, on: ctx.db)
            guard let user = try await Accounts.user(email: email, on: ctx.db) else { return }
            try await AccountMail.resetLink(user, ctx)
        }
    }

    /// The account a usable reset link belongs to.
    public static func resetLink(_ token: String, _ ctx: ActionContext) async throws -> PasswordResetRecord {
        guard let reset = try await Accounts.usablePasswordReset(token: token, at: ctx.now, on: ctx.db) else { throw AccountRefusal.linkUnusable }
        return reset
    }

    /// Sets the new password. Whoever held the account before (a guessed password, an unproved
    /// sign-up with this address) loses every way in; the link itself proves the address.
    public static func resetPassword(token: String, to password: String, _ ctx: ActionContext) async throws -> UserRecord {
        let reset = try await resetLink(token, ctx)
        let user = reset.user
        if let problem = PasswordPolicy.problem(with: password, email: user.email) { throw AccountRefusal.weakPassword(problem) }
        let hash = try await ctx.passwords.hash(password)
        try await ctx.act(locking: .none) { ctx in
            user.passwordHash = hash
            try await user.save(on: ctx.db)
            reset.usedAt = ctx.now
            try await reset.save(on: ctx.db)
            try await AccountSecurity.revokeCredentials(userID: try user.requireID(), at: ctx.now, on: ctx.db)
            try await AccountSecurity.markVerified(user, at: ctx.now, on: ctx.db)
            try await ctx.audit(.passwordReset, by: user)
            try await AccountMail.passwordChanged(user, ctx)
        }
        return user
    }

    /// Changes the password of `user`, who proves the current one (a `ValidationFailure`
    /// otherwise). Every way in but the session `keeping` (the browser that asked) stops working.
    public static func changePassword(_ user: UserRecord, current: String, new password: String, keeping session: UUID?,
                                      _ ctx: ActionContext) async throws {
        var v = Validator()
        v.check(try await ctx.passwords.verify(current, against: user.passwordHash), "current", "Your current password is not right.")
        if let problem = PasswordPolicy.problem(with: password, email: user.email) { v.add(FieldError("password", problem)) }
        try v.finish()
        let hash = try await ctx.passwords.hash(password)
        try await ctx.act(locking: .none) { ctx in
            user.passwordHash = hash
            try await user.save(on: ctx.db)
            try await AccountSecurity.revokeCredentials(userID: try user.requireID(), keepingSession: session, at: ctx.now, on: ctx.db)
            try await ctx.audit(.passwordChanged, by: user)
            try await AccountMail.passwordChanged(user, ctx)
        }
    }

    /// Refuses `user` until their address is proved: what is shared by address, and what acts in
    /// their name beyond a session (applying, joining, tokens, calendar feeds), waits for that.
    public static func requireConfirmed(_ user: UserRecord) throws {
        guard user.emailVerifiedAt != nil else { throw AccountRefusal.unconfirmedAddress(user.email) }
    }

    /// Proves the address of the link's account; nil when the link is unknown, used or expired.
    public static func verifyEmail(token: String, _ ctx: ActionContext) async throws -> UserRecord? {
        guard let user = try await AccountSecurity.verifyEmail(token: token, at: ctx.now, on: ctx.db) else { return nil }
        try await ctx.audit(.emailVerified, by: user)
        return user
    }

    /// Mails `user` a new confirmation link, at most `RequestLimits.verificationResend` an hour.
    public static func resendVerification(_ user: UserRecord, _ ctx: ActionContext) async throws {
        let key = try user.requireID().uuidString
        if let wait = try await AccountSecurity.retryAfter(.verificationResend, key: key, limit: RequestLimits.verificationResend,
                                                           at: ctx.now, on: ctx.db) {
            throw AccountRefusal.tooMany(retryAfter: wait)
        }
        try await ctx.act(locking: .none) { ctx in
            try await AccountSecurity.record(.verificationResend, key: key, at: ctx.now, on: ctx.db)
            try await AccountMail.confirmAddress(user, ctx)
        }
    }

    /// The person's memberships, each with its organization, for their settings, the API and
    /// where a newly confirmed account starts.
    public static func memberships(of user: UserRecord, _ ctx: ActionContext) async throws -> [MemberRecord] {
        try await Accounts.memberships(userID: try user.requireID(), on: ctx.db)
    }

    /// The schools and programs the person studies with, each with its organization.
    public static func schools(of user: UserRecord, _ ctx: ActionContext) async throws -> [PartnerStudentRecord] {
        try await PartnerStudents.schools(of: try user.requireID(), on: ctx.db)
    }

    /// Renames the person; the name is checked by the caller's form (`Validator.name`).
    public static func rename(_ user: UserRecord, to name: String, _ ctx: ActionContext) async throws {
        try await ctx.act(locking: .none) { ctx in
            user.displayName = name
            try await user.save(on: ctx.db)
        }
    }
}
