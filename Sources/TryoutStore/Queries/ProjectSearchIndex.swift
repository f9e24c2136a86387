import FluentKit
import Foundation
import SQLKit

/// Keeps the full-text index of a project current after every write to its brief, skills or state.
public enum ProjectSearchIndex {
    /// The columns of SQLite's `project_search` table, in order.
    static let columns = ["id", "organization_id", "state", "visibility", "pay_minor", "currency", "estimated_hours", "duration_weeks",
                          "location_mode", "application_deadline", "published_at", "title", "summary", "brief", "skills"]

    /// One `project_search` row; `skills` holds the skill labels.
    static func row(_ project: ProjectRecord, skills: String) -> [any SQLExpression] {
        let values: [any Encodable & Sendable] = [
            project.id!, project.$organization.id, project.state.rawValue, project.visibility.rawValue, project.payMinor,
            project.currency, project.estimatedHours, project.durationWeeks, project.locationMode.rawValue,
            project.applicationDeadline, project.publishedAt, project.title, project.summary, project.brief, skills,
        ]
        return values.map { SQLBind($0) }
    }

    public static func refresh(_ project: ProjectRecord, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let projectID = try project.requireID()
        let labels = try await ProjectSkillRecord.query(on: db).filter(\.$project.$id == projectID)
            .with(\.$skill).all()
            .map { ([$0.skill.label] + $0.skill.altLabels.split(separator: "\n").map(String.init)).joined(separator: " ") }
            .joined(separator: " ")
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                UPDATE projects SET search_document =
                    setweight(to_tsvector('simple', \(bind: project.title)), 'A') ||
                    setweight(to_tsvector('simple', \(bind: labels)), 'B') ||
                    setweight(to_tsvector('simple', \(bind: project.summary)), 'B') ||
                    setweight(to_tsvector('simple', \(bind: project.brief)), 'C')
                WHERE id = \(bind: projectID)
                """).run()
        } else {
            try await sql.raw("DELETE FROM project_search WHERE id = \(bind: projectID)").run()
            try await sql.insert(into: "project_search").columns(columns).values(row(project, skills: labels)).run()
        }
    }
}
