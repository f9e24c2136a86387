import FluentKit
import Foundation

public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"
    public var properties: [any AnyProperty] {
        [
            $id, $email, $displayName, $passwordHash, $isPlatformAdmin, $emailVerifiedAt, $createdAt, $timeZone
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "is_platform_admin") public var isPlatformAdmin: Bool
    @OptionalField(key: "email_verified_at") public var emailVerifiedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    /// The IANA zone the person chose for their daily digest; nil: their profile's, or UTC.
    @OptionalField(key: "time_zone") public var timeZone: String?

    public init() {}

    public init(id: UUID? = nil, email: String, displayName: String, passwordHash: String,
                isPlatformAdmin: Bool = false, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.isPlatformAdmin = isPlatformAdmin
        self.createdAt = createdAt
    }
}
