import FluentKit

struct CreateOrganizations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("status", .string, .required)
            .field("description", .string, .required)
            .field("website", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").delete()
    }
}
