import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

/// What every signed-in page's header shows, read in one statement however many
/// organizations, notifications or versions to score the person has: the header is on every
/// page, so its cost is paid on every request.
public enum HeaderFacts {
    public struct Facts: Sendable {
        /// Each organization the person belongs to, unordered.
        public var organizations: [(id: UUID, kind: String, name: String, slug: String)]
        public var isCandidate: Bool
        public var unreadNotifications: Int
        /// Versions the person was asked to score, still waiting for a decision, not scored yet
        /// (what `Reviews.queue` lists).
        public var versionsToScore: Int
    }

    public static func load(userID: UUID, on db: any Database) async throws -> Facts {
        let rows = try await Statement(userID: userID).rows(on: db)
        let organizations = try rows.compactMap { row -> (id: UUID, kind: String, name: String, slug: String)? in
            guard let id = try row.decode(column: "id", as: UUID?.self) else { return nil }
            return (id: id, kind: try row.decode(column: "kind", as: String.self), name: try row.decode(column: "name", as: String.self),
                    slug: try row.decode(column: "slug", as: String.self))
        }
        func count(_ column: String) throws -> Int { try rows.first?.decode(column: column, as: Int.self) ?? 0 }
        return Facts(organizations: organizations, isCandidate: try count("profiles") > 0,
                     unreadNotifications: try count("unread"), versionsToScore: try count("to_score"))
    }

    /// The counts are one row, joined to a row per organization (or to none): one statement,
    /// kept prepared.
    struct Statement: KeptStatement {
        static let sql = """
            SELECT c.unread, c.profiles, c.to_score, o.id AS id, o.kind AS kind, o.name AS name, o.slug AS slug
            FROM (SELECT
              (SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL) AS unread,
              (SELECT count(*) FROM candidate_profiles WHERE user_id = $1) AS profiles,
              (SELECT count(*) FROM review_assignments a JOIN submissions s ON s.id = a.submission_id
                WHERE a.reviewer_id = $1 AND s.state = 'submitted'
                AND NOT EXISTS (SELECT 1 FROM scorecards c WHERE c.submission_id = a.submission_id AND c.reviewer_id = $1)
              ) AS to_score) AS c
            LEFT JOIN members m ON m.user_id = $1
            LEFT JOIN organizations o ON o.id = m.organization_id
            """
        var userID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [userID] }
    }
}
