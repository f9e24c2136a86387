import FluentKit
import Foundation
import TryoutCore

/// A person's choice for one kind of mail; kinds without a row take the default.
public final class NotificationPreferenceRecord: Model, @unchecked Sendable {
    public static let schema = "notification_preferences"
    public var properties: [any AnyProperty] { [$id, $user, $category, $preference, $updatedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Enum(key: "category") public var category: NotificationCategory
    @Enum(key: "preference") public var preference: MailPreference
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// One e-mail kept back for its recipient's next daily digest.
public final class DigestItemRecord: Model, @unchecked Sendable {
    public static let schema = "digest_items"
    public var properties: [any AnyProperty] { [$id, $user, $category, $subject, $body, $createdAt, $digestID] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Enum(key: "category") public var category: NotificationCategory
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date
    /// The digest that carried it; nil while it waits.
    @OptionalField(key: "digest_id") public var digestID: UUID?

    public init() {}

    public init(userID: UUID, category: NotificationCategory, subject: String, body: String, at now: Date) {
        self.$user.id = userID
        self.category = category
        self.subject = subject
        self.body = body
        createdAt = now
    }
}

/// A digest sent: one per person and local day.
public final class DigestRecord: Model, @unchecked Sendable {
    public static let schema = "digests"
    public var properties: [any AnyProperty] { [$id, $user, $day, $sentAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    /// The local day, "2026-03-29", on the person's clock.
    @Field(key: "day") public var day: String
    @Field(key: "sent_at") public var sentAt: Date

    public init() {}
}
