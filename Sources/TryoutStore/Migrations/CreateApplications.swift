import FluentKit
import SQLKit
import TryoutCore

/// Applications, the in-app notifications that tell candidates where they stand, and each
/// project's screening switches (blind by default).
struct CreateApplications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        try await database.schema("projects").field("blind_screening", .bool, .required, .sql(.default(true))).update()
        try await database.schema("projects").field("reveal_at", .string, .required, .sql(.default("shortlist"))).update()
        try await database.schema("projects").field("offer_window_days", .int, .required, .sql(.default(7))).update()

        try await database.schema("applications")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("state", .string, .required)
            .field("brief_version", .int, .required)
            .field("answers", .string, .required)
            .field("cover_note", .string, .required)
            .field("portfolio", .string, .required)
            .field("message", .string, .required, .sql(.default("")))
            .field("created_at", .datetime, .required)
            .field("state_changed_at", .datetime, .required)
            .field("shortlisted_at", .datetime)
            .field("offered_at", .datetime)
            .field("offer_expires_at", .datetime)
            .field("revealed_at", .datetime)
            .create()
        try await database.createIndex("applications_project_id", on: "applications", "project_id", "state")
        try await database.createIndex("applications_user_id", on: "applications", "user_id")
        // One live application per candidate and project, enforced by the database itself so
        // that two submissions at once cannot both land.
        if let sql = database as? any SQLDatabase {
            let live = ApplicationState.allCases.filter(\.isLive).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            try await sql.raw("CREATE UNIQUE INDEX applications_one_live ON applications (project_id, user_id) WHERE state IN (\(unsafeRaw: live))").run()
        }

        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("message", .string, .required)
            .field("link", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await database.createIndex("notifications_user_id", on: "notifications", "user_id", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
        try await database.schema("applications").delete()
        for name in ["offer_window_days", "reveal_at", "blind_screening"] {
            try await database.schema("projects").deleteField(.key(FieldKey(stringLiteral: name))).update()
        }
    }
}
