import FluentKit
import Foundation
import TryoutCore

public enum Projects {
    /// The newest published public projects, for the home page.
    public static func latestPublic(limit: Int, on db: any Database) async throws -> [ProjectRecord] {
        try await ProjectRecord.query(on: db)
            .filter(\.$state == .published)
            .filter(\.$visibility == .public)
            .sort(\.$publishedAt, .descending)
            .limit(limit)
            .with(\.$organization)
            .all()
    }

    public static func find(id: UUID, on db: any Database) async throws -> ProjectRecord? {
        guard let project = try await ProjectRecord.read("r.id = \(bind: id) LIMIT 1", with: \.$organization, on: db).first else { return nil }
        project.$skills.value = try await ProjectSkillRecord.read("r.project_id = \(bind: id)", with: \.$skill, on: db)
        return project
    }

    /// The titles of the projects with these ids.
    public static func titles(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await ProjectRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.title) })
    }

    /// The projects with these ids, in the order given, with their organizations.
    public static func list(ids: [UUID], on db: any Database) async throws -> [ProjectRecord] {
        guard !ids.isEmpty else { return [] }
        let found = try await ProjectRecord.query(on: db).filter(\.$id ~~ ids).with(\.$organization).all()
        let byID = Dictionary(found.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// Every project of the organization, newest first, for its own members.
    public static func all(of orgID: UUID, on db: any Database) async throws -> [ProjectRecord] {
        try await ProjectRecord.query(on: db).filter(\.$organization.$id == orgID)
            .sort(\.$createdAt, .descending).with(\.$organization).all()
    }

    public static func published(of orgID: UUID, on db: any Database) async throws -> [ProjectRecord] {
        try await ProjectRecord.query(on: db)
            .filter(\.$organization.$id == orgID)
            .filter(\.$state == .published)
            .filter(\.$visibility == .public)
            .sort(\.$publishedAt, .descending)
            .all()
    }
}
