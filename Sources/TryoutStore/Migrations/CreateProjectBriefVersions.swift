import FluentKit

/// Deliverables and rubric, one immutable row per version once published.
struct CreateProjectBriefVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("project_brief_versions")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("deliverables", .string, .required)
            .field("rubric", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "project_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("project_brief_versions").delete()
    }
}
