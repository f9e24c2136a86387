import Foundation
import TryoutCore

/// One message on its way to one endpoint. The body is fixed when the event happens, so every
/// retry and every redelivery sends the same bytes under the same `webhook-id`.
public struct WebhookDeliveryJob: Job, Equatable {
    public static let kind = "webhook.deliver"
    /// With the standard backoff (30 s doubling, capped at 6 hours) 14 attempts span about 26
    /// hours: a receiver that is down for most of a day still gets the message.
    public static let maxAttempts = 14

    public var endpointID: UUID
    /// The `webhook-id`: one per event and endpoint, the same on every attempt, so a receiver that
    /// got a message twice (a worker died after sending, or someone redelivered) can drop the copy.
    public var messageID: String
    public var eventType: String
    public var body: String

    public init(endpointID: UUID, messageID: String, eventType: String, body: String) {
        self.endpointID = endpointID
        self.messageID = messageID
        self.eventType = eventType
        self.body = body
    }
}
