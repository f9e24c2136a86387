import FluentKit

struct CreateProjects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("projects")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("brief", .string, .required)
            .field("state", .string, .required)
            .field("estimated_hours", .int, .required)
            .field("duration_weeks", .int, .required)
            .field("pay_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("classification", .string, .required)
            .field("location_mode", .string, .required)
            .field("place", .string, .required)
            .field("slots", .int, .required)
            .field("visibility", .string, .required)
            .field("application_deadline", .datetime)
            .field("start_date", .datetime)
            .field("created_at", .datetime, .required)
            .field("published_at", .datetime)
            .create()
        try await database.createIndex("projects_organization_id", on: "projects", "organization_id")
        try await database.createIndex("projects_state_visibility_published_at", on: "projects", "state", "visibility", "published_at")
        try await database.schema("project_skills")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("skill_uri", .string, .required, .references("skills", "uri"))
            .field("required", .bool, .required)
            .field("level", .int, .required)
            .unique(on: "project_id", "skill_uri")
            .create()
        try await database.createIndex("project_skills_skill_uri", on: "project_skills", "skill_uri")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("project_skills").delete()
        try await database.schema("projects").delete()
    }
}
