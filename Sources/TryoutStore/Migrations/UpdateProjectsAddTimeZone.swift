import FluentKit

/// The time zone a project's team works in: an IANA name, or null when the brief names none.
struct UpdateProjectsAddTimeZone: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("projects").field("time_zone", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("projects").deleteField("time_zone").update()
    }
}
