import FluentKit

/// Each brief's HTML, rendered when the brief is saved rather than on every view of its page,
/// with the renderer's revision that wrote it; every brief saved before is rendered now.
struct UpdateProjectsAddBriefHTML: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters a table one column at a time.
        try await database.schema("projects").field("brief_html", .string, .required, .sql(.default(""))).update()
        try await database.schema("projects").field("brief_html_revision", .int, .required, .sql(.default(0))).update()
        try await Projects.renderBriefs(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("projects").deleteField("brief_html_revision").update()
        try await database.schema("projects").deleteField("brief_html").update()
    }
}
