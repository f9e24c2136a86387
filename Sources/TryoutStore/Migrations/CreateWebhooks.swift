import FluentKit

/// Organizations' webhook endpoints and the log of every delivery attempt.
struct CreateWebhooks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("webhook_endpoints")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("url", .string, .required)
            .field("kind", .string, .required)
            .field("event_types", .string, .required)
            .field("secret", .string, .required)
            .field("consecutive_failures", .int, .required)
            .field("disabled_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("webhook_endpoints_organization_id", on: "webhook_endpoints", "organization_id")
        try await database.schema("webhook_deliveries")
            .id()
            .field("endpoint_id", .uuid, .required, .references("webhook_endpoints", "id", onDelete: .cascade))
            .field("message_id", .string, .required)
            .field("event_type", .string, .required)
            .field("attempt", .int, .required)
            .field("attempted_at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("response_code", .int)
            .field("duration_ms", .int, .required)
            .field("response_excerpt", .string, .required)
            .field("body", .string, .required)
            .create()
        try await database.createIndex("webhook_deliveries_endpoint_attempted", on: "webhook_deliveries", "endpoint_id", "attempted_at")
        try await database.createIndex("webhook_deliveries_message_id", on: "webhook_deliveries", "message_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("webhook_deliveries").delete()
        try await database.schema("webhook_endpoints").delete()
    }
}
