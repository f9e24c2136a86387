import FluentKit

struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("flash", .string)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("sessions_user_id", on: "sessions", "user_id")
        try await database.createIndex("sessions_expires_at", on: "sessions", "expires_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
