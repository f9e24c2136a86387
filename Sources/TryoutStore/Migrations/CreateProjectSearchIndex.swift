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
            try await sql.raw("""
                CREATE VIRTUAL TABLE project_search USING fts5(
                    project_id UNINDEXED, title, summary, brief, skills, tokenize = 'unicode61 remove_diacritics 2')
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
