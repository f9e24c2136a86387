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
        try await ProjectRecord.query(on: db).filter(\.$id == id)
            .with(\.$organization).with(\.$skills) { $0.with(\.$skill) }
            .first()
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
