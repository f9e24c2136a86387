import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The API's shapes of webhook endpoints.
extension DTO {
    struct WebhookEndpoint: Content {
        var id: WebhookEndpointID
        var url: String
        var kind: WebhookKind
        var events: [WebhookEventType]
        var enabled: Bool
        var consecutiveFailures: Int
        var disabledAt: Date?
        var createdAt: Date
        /// Only in the answer that created the endpoint (and never for Slack, which is not signed).
        var secret: String?

        init(_ record: WebhookEndpointRecord, secret: String? = nil) throws {
            id = WebhookEndpointID(try record.requireID())
            url = record.url
            kind = record.kind
            events = record.eventTypes
            enabled = record.disabledAt == nil
            consecutiveFailures = record.consecutiveFailures
            disabledAt = record.disabledAt
            createdAt = record.createdAt
            self.secret = record.kind == .standard ? secret : nil
        }
    }

    struct NewWebhookEndpoint: Content {
        var url: String
        var kind: String?
        var events: [String]
    }
}
