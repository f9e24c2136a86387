import FluentKit
import SQLKit

/// Moves search out of the wide `projects` rows, where checking a filter meant reading a row that
/// also holds the whole brief. On SQLite the filter columns go to a narrow table that shares the
/// FTS5 table's rowid, which follows publication order, so "the newest matches" is a backwards walk
/// of the index. On PostgreSQL one table holds the filter columns and the `tsvector`.
struct CreateNarrowProjectSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" { return try await preparePostgres(sql) }
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

    private func preparePostgres(_ sql: any SQLDatabase) async throws {
        try await sql.raw("""
            CREATE TABLE project_search (
                id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE, organization_id uuid NOT NULL,
                state text NOT NULL, visibility text NOT NULL, pay_minor bigint NOT NULL, currency text NOT NULL,
                estimated_hours bigint NOT NULL, duration_weeks bigint NOT NULL, location_mode text NOT NULL,
                application_deadline timestamptz, published_at timestamptz, document tsvector NOT NULL)
            """).run()
        // Documents are made afresh: the new ones split words at punctuation.
        let columns = ProjectSearchIndex.facetColumns.map { "p." + $0 }.joined(separator: ", ")
        let document = ProjectSearchIndex.postgresDocument(title: "p.title", skills: ProjectSearchIndex.postgresSkillText,
                                                           summary: "p.summary", brief: "p.brief")
        try await sql.raw("INSERT INTO project_search SELECT \(unsafeRaw: columns), " + document
            + " FROM projects p ORDER BY p.published_at NULLS FIRST").run()
        try await sql.raw("CREATE INDEX project_search_document ON project_search USING GIN (document)").run()
        try await sql.raw("CREATE INDEX project_search_newest ON project_search (state, visibility, published_at)").run()
        try await sql.raw("ALTER TABLE projects DROP COLUMN search_document").run()
    }

    /// Puts the index back the way `CreateProjectSearchIndex` left it, with every project still in it.
    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await CreateProjectSearchIndex().prepare(on: database)
            try await sql.raw("UPDATE projects p SET search_document = s.document FROM project_search s WHERE s.id = p.id").run()
            try await sql.raw("DROP TABLE project_search").run()
            return
        }
        try await sql.raw("ALTER TABLE project_search RENAME TO project_search_new").run()
        try await CreateProjectSearchIndex().prepare(on: database)
        let facets = ProjectSearchIndex.facetColumns.joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO project_search (\(unsafeRaw: facets), title, summary, brief, skills)
            SELECT \(unsafeRaw: ProjectSearchIndex.facetColumns.map { "f." + $0 }.joined(separator: ", ")), n.title, n.summary, n.brief, n.skills
            FROM project_search_facets f JOIN project_search_new n ON n.rowid = f.rowid
            """).run()
        try await sql.raw("DROP TABLE project_search_new").run()
        try await sql.raw("DROP TABLE project_search_facets").run()
    }
}
