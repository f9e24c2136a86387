import FluentKit
import Foundation
import TryoutCore

/// An e-mail and its delivery; writing it in the same transaction as the change it reports
/// means no message is lost and none is sent for a change that rolled back. A `mail.deliver`
/// job, enqueued alongside, sends it.
public final class OutboxRecord: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"
    public var properties: [any AnyProperty] {
        [
            $id, $recipient, $recipientName, $subject, $body, $html, $category, $recipientUserID, $unsubscribeURL,
            $attachments, $state, $attempts, $lastReply, $createdAt, $sentAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    /// Shown beside the address in the To header.
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "subject") public var subject: String
    /// The plain-text part.
    @Field(key: "body") public var body: String
    @OptionalField(key: "html") public var html: String?
    /// A `NotificationCategory` raw value; nil for account mail.
    @OptionalField(key: "category") public var category: String?
    @OptionalField(key: "recipient_user_id") public var recipientUserID: UUID?
    @OptionalField(key: "unsubscribe_url") public var unsubscribeURL: String?
    /// JSON: `[{"filename", "contentType", "data" (base64)}]`; nil without attachments.
    @OptionalField(key: "attachments") public var attachments: String?
    @Enum(key: "state") public var state: OutboxState
    @Field(key: "attempts") public var attempts: Int
    /// What the mail server last said (its acceptance, or why not), for the administrators.
    @OptionalField(key: "last_reply") public var lastReply: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}

    public init(recipient: String, subject: String, body: String, createdAt: Date) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.state = .queued
        self.attempts = 0
    }
}

/// Where a message is on its way out.
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    /// Waiting for its delivery job, or for the job's next try after a 4xx reply.
    case queued
    /// Accepted by the mail server.
    case sent
    /// Written to the log instead (development, or `TRYOUT_MAIL=log`).
    case logged
    /// Refused with a 5xx reply, or still refused after the last try: the reply says why.
    case failed
}

public final class AuditEventRecord: Model, @unchecked Sendable {
    public static let schema = "audit_events"
    public var properties: [any AnyProperty] {
        [
            $id, $organizationID, $actorUserID, $actorEmail, $action, $detail, $ip, $createdAt
        ]
    }

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
