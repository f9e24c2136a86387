import FluentKit
import FluentPostgresDriver
import Foundation
import TryoutCore

public enum Projects {
    /// Renders and stores every brief whose stored HTML another revision of the renderer wrote
    /// (or none did), 500 a transaction. Migrations run it when the renderer's output changes.
    public static func renderBriefs(on db: any Database) async throws {
        let sql = try JobQueue.sqlDatabase(db)
        while true {
            let rows = try await sql.raw("""
                SELECT id, brief FROM projects WHERE brief_html_revision <> \(bind: SafeMarkdown.revision) ORDER BY id LIMIT 500
                """).all()
            guard !rows.isEmpty else { return }
            let briefs = try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "brief", as: String.self)) }
            try await db.transaction { tx in
                for (id, brief) in briefs {
                    try await JobQueue.sqlDatabase(tx).raw("""
                        UPDATE projects SET brief_html = \(bind: SafeMarkdown.html(brief)), brief_html_revision = \(bind: SafeMarkdown.revision)
                        WHERE id = \(bind: id)
                        """).run()
                }
            }
        }
    }

    /// The newest published public projects, for the home page.
    public static func latestPublic(limit: Int, on db: any Database) async throws -> [ProjectListing] {
        try await ProjectListing.read("""
            p.state = \(bind: ProjectState.published.rawValue) AND p.visibility = \(bind: ProjectVisibility.public.rawValue)
            ORDER BY p.published_at DESC LIMIT \(literal: limit)
            """, on: db)
    }

    public static func find(id: UUID, on db: any Database) async throws -> ProjectRecord? {
        guard let project = try ProjectRecord.records(try await ProjectStatement(id: id).rows(on: db), with: \.$organization).first
        else { return nil }
        project.$skills.value = try ProjectSkillRecord.records(try await SkillsStatement(projectID: id).rows(on: db), with: \.$skill)
        return project
    }

    /// The titles of the projects with these ids.
    public static func titles(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await ProjectRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.title) })
    }

    /// The projects with these ids as lists show them, in the order given.
    public static func listings(ids: [UUID], on db: any Database) async throws -> [ProjectListing] {
        guard !ids.isEmpty else { return [] }
        let found = try await ProjectListing.read("p.id IN (\(binds: ids))", on: db)
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// Every project of the organization, newest first, for its own members.
    public static func all(of orgID: UUID, on db: any Database) async throws -> [ProjectRecord] {
        try await ProjectRecord.query(on: db).filter(\.$organization.$id == orgID)
            .sort(\.$createdAt, .descending).with(\.$organization).all()
    }

    /// The organization's published public projects, newest first, for its page.
    public static func published(of orgID: UUID, on db: any Database) async throws -> [ProjectListing] {
        try await ProjectListing.read("""
            p.organization_id = \(bind: orgID) AND p.state = \(bind: ProjectState.published.rawValue)
            AND p.visibility = \(bind: ProjectVisibility.public.rawValue) ORDER BY p.published_at DESC
            """, on: db)
    }

    /// A project with its organization, kept prepared: every project page starts with it.
    struct ProjectStatement: KeptStatement {
        static let sql = ProjectRecord.joined(\.$organization) + " WHERE r.id = $1"
        var id: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [id] }
    }

    /// A project's skills with their labels, kept prepared.
    struct SkillsStatement: KeptStatement {
        static let sql = ProjectSkillRecord.joined(\.$skill) + " WHERE r.project_id = $1"
        var projectID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [projectID] }
    }
}
