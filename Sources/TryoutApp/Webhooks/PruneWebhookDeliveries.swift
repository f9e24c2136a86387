import FluentKit
import Foundation
import TryoutStore

/// Keeps each endpoint's delivery log to its last 30 days: it holds every message's body, and
/// old attempts help nobody find out why a receiver fails today.
public struct PruneWebhookDeliveries: Job {
    public static let kind = "webhooks.prune-deliveries"
    static let keep: TimeInterval = 30 * 86_400

    public init() {}

    /// Idempotent: a second run finds nothing old enough left to delete.
    @Sendable public static func run(_ job: PruneWebhookDeliveries, _ ctx: ActionContext) async throws {
        try await WebhookDeliveryRecord.query(on: ctx.db).filter(\.$attemptedAt < ctx.now.addingTimeInterval(-keep)).delete()
    }
}
