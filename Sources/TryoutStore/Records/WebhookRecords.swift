import FluentKit
import Foundation
import TryoutCore

/// Where an organization's events go. The secret is kept as it was issued, not hashed: signing
/// each message needs the key itself (HMAC), so a hash would be useless, and encrypting it with a
/// key kept next to it in the same database would protect nothing more. It is shown once, when
/// the endpoint is made, and never again by page or API.
public final class WebhookEndpointRecord: Model, @unchecked Sendable {
    public static let schema = "webhook_endpoints"
    public var properties: [any AnyProperty] {
        [
            $id, $organization, $url, $kind, $eventTypesText, $secret, $consecutiveFailures, $disabledAt, $createdAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "url") public var url: String
    @Enum(key: "kind") public var kind: WebhookKind
    /// The subscribed event types' raw values, comma-separated (the same on SQLite and PostgreSQL).
    @Field(key: "event_types") public var eventTypesText: String
    @Field(key: "secret") public var secret: String
    @Field(key: "consecutive_failures") public var consecutiveFailures: Int
    @OptionalField(key: "disabled_at") public var disabledAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organizationID: UUID, url: String, kind: WebhookKind, eventTypes: [WebhookEventType], secret: String, createdAt: Date) {
        self.$organization.id = organizationID
        self.url = url
        self.kind = kind
        self.eventTypesText = eventTypes.map(\.rawValue).joined(separator: ",")
        self.secret = secret
        self.consecutiveFailures = 0
        self.createdAt = createdAt
    }

    public var eventTypes: [WebhookEventType] {
        eventTypesText.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) }
    }
}

/// How one delivery attempt went.
public enum WebhookOutcome: String, Codable, Sendable {
    /// The receiver answered 2xx.
    case delivered
    /// Another status, a timeout or a connection error: tried again later.
    case failed
    /// The host resolved to an address webhooks may not reach: not sent at all.
    case refused
}

/// One attempt to deliver one message to one endpoint, with the start of the answer; `body` is
/// the message itself, kept so that it can be sent again unchanged.
public final class WebhookDeliveryRecord: Model, @unchecked Sendable {
    public static let schema = "webhook_deliveries"
    public var properties: [any AnyProperty] {
        [
            $id, $endpoint, $messageID, $eventType, $attempt, $attemptedAt, $outcome, $responseCode, $durationMS,
            $responseExcerpt, $body
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "endpoint_id") public var endpoint: WebhookEndpointRecord
    @Field(key: "message_id") public var messageID: String
    @Field(key: "event_type") public var eventType: String
    @Field(key: "attempt") public var attempt: Int
    @Field(key: "attempted_at") public var attemptedAt: Date
    @Enum(key: "outcome") public var outcome: WebhookOutcome
    @OptionalField(key: "response_code") public var responseCode: Int?
    @Field(key: "duration_ms") public var durationMS: Int
    @Field(key: "response_excerpt") public var responseExcerpt: String
    @Field(key: "body") public var body: String

    public init() {}

    public init(endpointID: UUID, messageID: String, eventType: String, attempt: Int, attemptedAt: Date, outcome: WebhookOutcome,
                responseCode: Int?, durationMS: Int, responseExcerpt: String, body: String) {
        self.$endpoint.id = endpointID
        self.messageID = messageID
        self.eventType = eventType
        self.attempt = attempt
        self.attemptedAt = attemptedAt
        self.outcome = outcome
        self.responseCode = responseCode
        self.durationMS = durationMS
        self.responseExcerpt = responseExcerpt
        self.body = body
    }
}
