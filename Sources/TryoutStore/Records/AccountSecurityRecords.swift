import FluentKit
import Foundation

/// An e-mailed link that proves the address; only its hash is stored.
public final class EmailVerificationRecord: Model, @unchecked Sendable {
    public static let schema = "email_verifications"
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

/// One counted event: `bucket` names the limit, `key` what it counts (an address, a client).
public final class RateLimitEventRecord: Model, @unchecked Sendable {
    public static let schema = "rate_limit_events"
    public var properties: [any AnyProperty] { [$id, $bucket, $key, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Field(key: "bucket") public var bucket: String
    @Field(key: "key") public var key: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(bucket: String, key: String, createdAt: Date) {
        self.bucket = bucket
        self.key = key
        self.createdAt = createdAt
    }
}

public final class InstanceSecretRecord: Model, @unchecked Sendable {
    public static let schema = "instance_secrets"
    public var properties: [any AnyProperty] { [$id, $name, $value, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "value") public var value: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(name: String, value: String, createdAt: Date) {
        self.name = name
        self.value = value
        self.createdAt = createdAt
    }
}
