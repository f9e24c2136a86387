import FluentKit
import Foundation

/// A browser session kept on the server; the cookie holds only a random token whose hash is stored.
public final class SessionRecord: Model, @unchecked Sendable {
    public static let schema = "sessions"
    public var properties: [any AnyProperty] { [$id, $tokenHash, $user, $csrfToken, $flash, $createdAt, $expiresAt] }

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @OptionalParent(key: "user_id") public var user: UserRecord?
    @Field(key: "csrf_token") public var csrfToken: String
    @OptionalField(key: "flash") public var flash: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(tokenHash: String, userID: UUID?, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A personal API token; only its SHA-256 is stored, the token itself is shown once.
public final class APITokenRecord: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    public var properties: [any AnyProperty] { [$id, $user, $name, $tokenHash, $prefix, $createdAt, $lastUsedAt, $revokedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    /// The first characters of the token, so its owner can tell tokens apart.
    @Field(key: "prefix") public var prefix: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(userID: UUID, name: String, tokenHash: String, prefix: String, createdAt: Date) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = createdAt
    }
}

public final class PasswordResetRecord: Model, @unchecked Sendable {
    public static let schema = "password_resets"
    public var properties: [any AnyProperty] { [$id, $user, $tokenHash, $createdAt, $expiresAt, $usedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    public init(userID: UUID, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

public final class LoginAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "login_attempts"
    public var properties: [any AnyProperty] { [$id, $email, $ip, $succeeded, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "ip") public var ip: String
    @Field(key: "succeeded") public var succeeded: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(email: String, ip: String, succeeded: Bool, createdAt: Date) {
        self.email = email
        self.ip = ip
        self.succeeded = succeeded
        self.createdAt = createdAt
    }
}
