import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Keeps the full-text index of a project current after every write to its brief, skills or state.
public enum ProjectSearchIndex {
    /// The filter columns, named as in `projects`: SQLite's `project_search_facets` after its rowid,
    /// PostgreSQL's `project_search` before its `document`.
    static let facetColumns = ["id", "organization_id", "state", "visibility", "pay_minor", "currency", "estimated_hours",
                               "duration_weeks", "location_mode", "application_deadline", "published_at"]
    /// The text columns of SQLite's `project_search` table after its rowid.
    static let textColumns = ["title", "summary", "brief", "skills"]

    /// A project's PostgreSQL `tsvector`, weighted title A, skills and summary B, brief C.
    /// Punctuation becomes a space first, as SQLite's tokenizer and the search words treat it:
    /// PostgreSQL's parser would otherwise keep "b-87" as "b" and "-87", or "v1.2" whole.
    static func postgresDocument(title: SQLQueryString, skills: SQLQueryString, summary: SQLQueryString,
                                 brief: SQLQueryString) -> SQLQueryString {
        let parts: [(SQLQueryString, String)] = [(title, "A"), (skills, "B"), (summary, "B"), (brief, "C")]
        return parts.map { text, weight in
            "setweight(to_tsvector('simple', regexp_replace(" + text + ", '[[:punct:]]+', ' ', 'g')), '\(unsafeRaw: weight)')"
        }.joined(separator: " || ")
    }

    /// The skill labels and alternative labels of the project `p`, for `postgresDocument`.
    static let postgresSkillText: SQLQueryString = """
        coalesce((SELECT string_agg(s.label || ' ' || replace(s.alt_labels, chr(10), ' '), ' ') FROM project_skills ps
            JOIN skills s ON s.uri = ps.skill_uri WHERE ps.project_id = p.id), '')
        """

    public static func refresh(_ project: ProjectRecord, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let projectID = try project.requireID()
        let labels = try await ProjectSkillRecord.query(on: db).filter(\.$project.$id == projectID)
            .with(\.$skill).all()
            .map { ([$0.skill.label] + $0.skill.altLabels.split(separator: "\n").map(String.init)).joined(separator: " ") }
            .joined(separator: " ")
        let facets: [any Encodable & Sendable] = [
            projectID, project.$organization.id, project.state.rawValue, project.visibility.rawValue, project.payMinor, project.currency,
            project.estimatedHours, project.durationWeeks, project.locationMode.rawValue, project.applicationDeadline, project.publishedAt,
        ]
        if sql.dialect.name == "postgresql" {
            let updates = facetColumns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
            let document = postgresDocument(title: "\(bind: project.title)", skills: "\(bind: labels)",
                                            summary: "\(bind: project.summary)", brief: "\(bind: project.brief)")
            try await sql.raw("INSERT INTO project_search (\(unsafeRaw: facetColumns.joined(separator: ", ")), document) VALUES (\(binds: facets), "
                + document + ") ON CONFLICT (id) DO UPDATE SET \(unsafeRaw: updates), document = EXCLUDED.document").run()
        } else {
            try await refreshSQLite(project, id: projectID, facets: facets, skills: labels, on: sql)
        }
    }

    /// Rewrites both rows of a project. Its rowid stays put, except that publishing moves it to the
    /// newest end: the search ranks the newest matches by walking rowids backwards.
    private static func refreshSQLite(_ project: ProjectRecord, id: UUID, facets: [any Encodable & Sendable], skills: String,
                                      on sql: any SQLDatabase) async throws {
        let existing = try await sql.raw("SELECT rowid AS n, state FROM project_search_facets WHERE id = \(bind: id)").first()
        if let existing {
            let old = try existing.decode(column: "n", as: Int64.self)
            try await sql.raw("DELETE FROM project_search WHERE rowid = \(bind: old)").run()
            try await sql.raw("DELETE FROM project_search_facets WHERE rowid = \(bind: old)").run()
        }
        let oldState = try existing?.decode(column: "state", as: String.self)
        let rowid = project.state == .published && oldState != ProjectState.published.rawValue
            ? nil : try existing?.decode(column: "n", as: Int64.self)
        try await sql.insert(into: "project_search_facets").columns(["rowid"] + facetColumns)
            .values([SQLBind(rowid)] + facets.map { SQLBind($0) }).run()
        guard let row = try await sql.raw("SELECT rowid AS n FROM project_search_facets WHERE id = \(bind: id)").first() else { return }
        let texts = [project.title, project.summary, project.brief, skills].map { SQLBind($0) }
        try await sql.insert(into: "project_search").columns(["rowid"] + textColumns)
            .values([SQLBind(try row.decode(column: "n", as: Int64.self))] + texts).run()
    }
}
