import FluentKit
import Foundation
import SQLKit

/// Keeps the full-text index of a project current after every write to its brief or skills.
public enum ProjectSearchIndex {
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
            let key = projectID.uuidString
            try await sql.raw("DELETE FROM project_search WHERE project_id = \(bind: key)").run()
            try await sql.raw("""
                INSERT INTO project_search (project_id, title, summary, brief, skills)
                VALUES (\(bind: key), \(bind: project.title), \(bind: project.summary), \(bind: project.brief), \(bind: labels))
                """).run()
        }
    }
}
