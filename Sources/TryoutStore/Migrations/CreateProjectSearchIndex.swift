import FluentKit
import SQLKit

/// Full-text search over title, summary, brief and skill labels: an FTS5 table on SQLite, a
/// weighted `tsvector` column with a GIN index on PostgreSQL. `ProjectSearchIndex` keeps it current.
/// Neither stems words: stemmers rewrite the typed prefix too ("analys" becomes "anali"), which
/// breaks search-as-you-type, and both databases then agree on what matches.
struct CreateProjectSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE projects ADD COLUMN search_document tsvector").run()
            try await sql.raw("CREATE INDEX projects_search_document ON projects USING GIN (search_document)").run()
        } else {
            // The filter columns ride along unindexed, named as in `projects`, so a text search
            // filters and ranks inside FTS5 and never joins 100,000 rows back to `projects`.
            try await sql.raw("""
                CREATE VIRTUAL TABLE project_search USING fts5(
                    id UNINDEXED, organization_id UNINDEXED, state UNINDEXED, visibility UNINDEXED, pay_minor UNINDEXED,
                    currency UNINDEXED, estimated_hours UNINDEXED, duration_weeks UNINDEXED, location_mode UNINDEXED,
                    application_deadline UNINDEXED, published_at UNINDEXED,
                    title, summary, brief, skills, tokenize = 'unicode61 remove_diacritics 2')
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE projects DROP COLUMN search_document").run()
        } else {
            try await sql.raw("DROP TABLE project_search").run()
        }
    }
}
