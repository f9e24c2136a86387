import FluentKit
import SQLKit
import Foundation
import TryoutCore

/// Proving an address, taking an account back, and the rate limits that stop floods.
public enum AccountSecurity {
    // MARK: E-mail verification

    public static func createEmailVerification(userID: UUID, at now: Date, on db: any Database) async throws -> SecretToken {
        let token = SecretToken()
        try await EmailVerificationRecord(userID: userID, tokenHash: token.hash, createdAt: now,
                                          expiresAt: now.addingTimeInterval(LinkLifetime.emailVerification)).create(on: db)
        return token
    }

    /// Marks the address of the link's account as proved and uses the link up; nil when the
    /// link is unknown, used or expired.
    public static func verifyEmail(token: String, at now: Date, on db: any Database) async throws -> UserRecord? {
        try await db.transaction { tx in
            guard let link = try await EmailVerificationRecord.query(on: tx)
                .filter(\.$tokenHash == SecretToken.hash(token)).filter(\.$usedAt == nil).filter(\.$expiresAt > now)
                .with(\.$user).first()
            else { return nil }
            link.usedAt = now
            try await link.save(on: tx)
            try await markVerified(link.user, at: now, on: tx)
            return link.user
        }
    }

    /// A password reset by e-mailed link proves the address too.
    public static func markVerified(_ user: UserRecord, at now: Date, on db: any Database) async throws {
        guard user.emailVerifiedAt == nil else { return }
        user.emailVerifiedAt = now
        try await user.save(on: db)
    }

    // MARK: Taking an account back

    /// After a password reset or change: every session (but `keep`), API token and calendar
    /// address of the account stops working, and so does every reset link not yet used.
    public static func revokeCredentials(userID: UUID, keepingSession keep: UUID? = nil, at now: Date, on db: any Database) async throws {
        try await Accounts.endSessions(userID: userID, except: keep, on: db)
        try await APITokenRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
        try await CalendarFeeds.revoke(userID: userID, on: db)
        try await PasswordResetRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: now).update()
    }

    // MARK: Rate limits

    public enum Bucket: String, Sendable {
        case resetAccount = "reset.account"
        case resetClient = "reset.client"
        case signUpClient = "signup.client"
        case signUpMail = "signup.mail"
        case verificationResend = "verification.resend"
        case credentialCheck = "credentials.verify"
    }

    public static func record(_ bucket: Bucket, key: String, at now: Date, on db: any Database) async throws {
        try await RateLimitEventRecord(bucket: bucket.rawValue, key: key, createdAt: now).create(on: db)
    }

    /// Times of the bucket's events for `key` in the last `window` seconds.
    public static func recent(_ bucket: Bucket, key: String, window: TimeInterval, at now: Date, on db: any Database) async throws -> [Date] {
        try await RateLimitEventRecord.query(on: db)
            .filter(\.$bucket == bucket.rawValue).filter(\.$key == key).filter(\.$createdAt > now.addingTimeInterval(-window))
            .all(\.$createdAt)
    }

    /// Seconds until the limit allows another event, or nil (recording nothing).
    public static func retryAfter(_ bucket: Bucket, key: String, limit: RateLimit, at now: Date, on db: any Database) async throws -> Int? {
        limit.retryAfter(try await recent(bucket, key: key, window: limit.window, at: now, on: db), now: now)
    }

    public static func deleteEvents(olderThan cutoff: Date, on db: any Database) async throws {
        try await RateLimitEventRecord.query(on: db).filter(\.$createdAt < cutoff).delete()
    }

    // MARK: Installation secrets

    /// The named random secret of this installation, made by whichever process asks first.
    public static func instanceSecret(_ name: String, at now: Date, on db: any Database) async throws -> String {
        if let existing = try await InstanceSecretRecord.query(on: db).filter(\.$name == name).first() { return existing.value }
        // Another process may make it at the same moment: the insert then does nothing and theirs
        // is the one. Ignoring the conflict, rather than catching it, keeps an enclosing
        // PostgreSQL transaction usable.
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        try await sql.insert(into: InstanceSecretRecord.schema).columns("id", "name", "value", "created_at")
            .values(SQLBind(UUID()), SQLBind(name), SQLBind(SecretToken().value), SQLBind(now))
            .ignoringConflicts(with: ["name"]).run()
        guard let made = try await InstanceSecretRecord.query(on: db).filter(\.$name == name).first() else {
            throw SQLRequired()
        }
        return made.value
    }
}
