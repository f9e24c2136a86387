import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// An endpoint as the webhook pages show it.
struct WebhookEndpointView: Sendable {
    var id: WebhookEndpointID
    var url: String
    var kind: WebhookKind
    var events: [WebhookEventType]
    var turnedOffAt: Date?
    var failuresInARow: Int
    var lastDelivery: WebhookDeliveryView?
    var page: String
    var deletePage: String

    init(_ record: WebhookEndpointRecord, lastDelivery: WebhookDeliveryRecord? = nil, slug: String) throws {
        let id = WebhookEndpointID(try record.requireID())
        self.id = id
        url = record.url
        kind = record.kind
        events = record.eventTypes
        turnedOffAt = record.disabledAt
        failuresInARow = record.consecutiveFailures
        page = SiteURL.webhooks(.endpoint(.value(slug), .value(id))).path
        deletePage = SiteURL.webhooks(.delete(.value(slug), .value(id))).path
        self.lastDelivery = try lastDelivery.map { try WebhookDeliveryView($0, slug: slug) }
    }

    var state: String {
        turnedOffAt.map { "Turned off \(DateText.short($0))" } ?? (failuresInARow > 0 ? "On, \(failuresInARow) failed in a row" : "On")
    }
}

/// One attempt in an endpoint's delivery log.
struct WebhookDeliveryView: Sendable {
    var at: Date
    var eventType: String
    var messageID: String
    var attempt: Int
    var outcome: WebhookOutcome
    var responseCode: Int?
    var durationMS: Int
    var excerpt: String
    var redeliver: String

    init(_ record: WebhookDeliveryRecord, slug: String) throws {
        at = record.attemptedAt
        eventType = record.eventType
        messageID = record.messageID
        attempt = record.attempt
        outcome = record.outcome
        responseCode = record.responseCode
        durationMS = record.durationMS
        excerpt = record.responseExcerpt
        redeliver = SiteURL.webhooks(.redeliver(.value(slug), .value(WebhookEndpointID(record.$endpoint.id)),
                                                .value(WebhookDeliveryID(try record.requireID())))).path
    }

    /// "Delivered (200)", "Failed (500)", "Failed (no answer)", "Refused".
    var summary: String {
        let label = switch outcome {
        case .delivered: "Delivered"
        case .failed: "Failed"
        case .refused: "Refused"
        }
        if outcome == .refused { return label }
        return "\(label) (\(responseCode.map(String.init) ?? "no answer"))"
    }
}
