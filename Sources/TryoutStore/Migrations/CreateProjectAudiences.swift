import FluentKit

/// Who may see a project that is not public: partner organizations, or invited people.
struct CreateProjectAudiences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("project_partners")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .unique(on: "project_id", "organization_id")
            .create()
        try await database.createIndex("project_partners_organization_id", on: "project_partners", "organization_id")
        try await database.schema("project_invitations")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "project_id", "email")
            .create()
        try await database.createIndex("project_invitations_email", on: "project_invitations", "email")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("project_invitations").delete()
        try await database.schema("project_partners").delete()
    }
}
