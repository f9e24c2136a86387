import FluentKit

/// Counted events for rate limits other than sign-in (reset e-mails, sign-ups), kept in the
/// database so that every server process counts the same.
struct CreateRateLimitEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limit_events")
            .id()
            .field("bucket", .string, .required)
            .field("key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("rate_limit_events_bucket_key_created_at", on: "rate_limit_events", "bucket", "key", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limit_events").delete()
    }
}
