import FluentKit

/// Each application's match score as last computed, so that a project's applicants are ranked
/// without reading every applicant's profile (null until first ranked, and again after a change
/// that moves it), and a count of those changes (see `MatchScores`).
struct UpdateApplicationsAddMatchScore: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters a table one column at a time.
        try await database.schema("applications").field("match_score", .int).update()
        try await database.schema("applications").field("score_stamp", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("applications").deleteField("score_stamp").update()
        try await database.schema("applications").deleteField("match_score").update()
    }
}
