import FluentKit
import SQLKit

/// Keys that make a money-moving request safe to repeat: the first request's response is kept
/// and returned for a repeat, while a request still running holds its key.
struct CreateIdempotencyKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("fingerprint", .string, .required)
            .field("state", .string, .required)
            .field("lease_until", .datetime, .required)
            .field("status", .int)
            .field("content_type", .string)
            .field("location", .string)
            .field("body", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "key")
            .create()
        try await database.createIndex("idempotency_keys_created", on: "idempotency_keys", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
    }
}
