import FluentKit

struct CreateMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("members")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organization_id", "user_id")
            .create()
        try await database.createIndex("members_user_id", on: "members", "user_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("members").delete()
    }
}
