import FluentKit

/// Links that prove a person owns the address they signed up with.
struct CreateEmailVerifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("email_verifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("email_verifications_user_created_at", on: "email_verifications", "user_id", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("email_verifications").delete()
    }
}
