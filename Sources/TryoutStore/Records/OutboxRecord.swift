import FluentKit
import Foundation
import TryoutCore

/// An e-mail waiting to be sent; writing it in the same transaction as the change it reports
/// means no message is lost and none is sent for a change that rolled back.
public final class OutboxRecord: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}

    public init(recipient: String, subject: String, body: String, createdAt: Date) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
    }
}

public final class AuditEventRecord: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @OptionalField(key: "actor_user_id") public var actorUserID: UUID?
    /// The actor's e-mail at the time, kept so the log stays readable if the account goes.
    @Field(key: "actor_email") public var actorEmail: String
    @Enum(key: "action") public var action: AuditAction
    @Field(key: "detail") public var detail: String
    @Field(key: "ip") public var ip: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organizationID: UUID?, actorUserID: UUID?, actorEmail: String, action: AuditAction,
                detail: String, ip: String, createdAt: Date) {
        self.organizationID = organizationID
        self.actorUserID = actorUserID
        self.actorEmail = actorEmail
        self.action = action
        self.detail = detail
        self.ip = ip
        self.createdAt = createdAt
    }
}
