import FluentKit
import SQLKit

/// Two statements the applicants list runs on every view: a page of the project's applications in
/// best-match order, and whether any of them lacks a kept score. Without these indexes the first
/// sorted all of a project's applications to show fifty and the second read every one of them:
/// 0.35 and 0.08 ms of the 0.95 ms the list's statements took in SQLite for 500 applicants
/// (Benchmarks/README.md, fourteenth round).
struct CreateApplicationsRankingIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        // The expression and its directions are the list's order (`Applications.order(.match)`):
        // a database uses an index on an expression only for that expression.
        try await sql.raw("CREATE INDEX applications_ranked ON applications (project_id, (COALESCE(match_score, 0)) DESC, created_at, id)").run()
        try await sql.raw("CREATE INDEX applications_unscored ON applications (project_id) WHERE match_score IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX applications_unscored").run()
        try await sql.raw("DROP INDEX applications_ranked").run()
    }
}
