import FluentKit

/// Mail waiting for a person's daily digest, each digest sent (one a person and local day),
/// and each reminder sent (one a key), so that no job run twice sends anything twice.
struct CreateDigests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("digests")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("sent_at", .datetime, .required)
            .unique(on: "user_id", "day")
            .create()
        try await database.schema("digest_items")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("digest_id", .uuid, .references("digests", "id", onDelete: .cascade))
            .create()
        try await database.createIndex("digest_items_waiting", on: "digest_items", "digest_id", "user_id", "created_at")
        try await database.schema("sent_reminders")
            .id()
            .field("key", .string, .required)
            .field("sent_at", .datetime, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sent_reminders").delete()
        try await database.schema("digest_items").delete()
        try await database.schema("digests").delete()
    }
}
