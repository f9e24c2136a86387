import FluentKit
import SQLKit

/// SQLite only: moves the filter columns out of the full-text table into a narrow table that
/// shares its rowid. Reading a filter value from the FTS5 table meant reading a row that also
/// holds the whole brief; the narrow table packs fifty projects to a page, and its rowid follows
/// publication order, so "the newest matches" is a backwards walk of the index.
struct SplitProjectSearchFacets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw("ALTER TABLE project_search RENAME TO project_search_old").run()
        try await sql.raw("""
            CREATE TABLE project_search_facets (
                rowid INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, organization_id BLOB NOT NULL, state TEXT NOT NULL,
                visibility TEXT NOT NULL, pay_minor INTEGER NOT NULL, currency TEXT NOT NULL, estimated_hours INTEGER NOT NULL,
                duration_weeks INTEGER NOT NULL, location_mode TEXT NOT NULL, application_deadline REAL, published_at REAL)
            """).run()
        try await sql.raw("""
            CREATE VIRTUAL TABLE project_search USING fts5(
                title, summary, brief, skills, tokenize = 'unicode61 remove_diacritics 2')
            """).run()
        // Published projects first, oldest to newest, so that rowids follow publication order.
        try await sql.raw("""
            INSERT INTO project_search_facets (id, organization_id, state, visibility, pay_minor, currency, estimated_hours,
                duration_weeks, location_mode, application_deadline, published_at)
            SELECT id, organization_id, state, visibility, pay_minor, currency, estimated_hours, duration_weeks, location_mode,
                application_deadline, published_at
            FROM project_search_old ORDER BY published_at IS NOT NULL, published_at
            """).run()
        try await sql.raw("""
            INSERT INTO project_search (rowid, title, summary, brief, skills)
            SELECT f.rowid, o.title, o.summary, o.brief, o.skills
            FROM project_search_old o JOIN project_search_facets f ON f.id = o.id
            """).run()
        try await sql.raw("DROP TABLE project_search_old").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw("DROP TABLE project_search").run()
        try await sql.raw("DROP TABLE project_search_facets").run()
        try await CreateProjectSearchIndex().prepare(on: database)
    }
}
