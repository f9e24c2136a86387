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
        try facts(from: try await Statement(userID: userID).rows(on: db))
    }

    /// The counts, as columns of a statement in which `user` names the person's id: `$1` here,
    /// the session's user where the session is read with them (`Accounts.session`). Their
    /// tables' names are not the session statement's (`s`, `u`, `m`, `ps`, `o`), which they see.
    static func counts(of user: String) -> String {
        """
        (SELECT count(*) FROM notifications WHERE user_id = \(user) AND read_at IS NULL) AS unread,
        (SELECT count(*) FROM candidate_profiles WHERE user_id = \(user)) AS profiles,
        (SELECT count(*) FROM review_assignments ra JOIN submissions sub ON sub.id = ra.submission_id
          WHERE ra.reviewer_id = \(user) AND sub.state = 'submitted'
          AND NOT EXISTS (SELECT 1 FROM scorecards sc WHERE sc.submission_id = ra.submission_id AND sc.reviewer_id = \(user))
        ) AS to_score
        """
    }

    /// The organization's columns, from `o` joined to the person's memberships `m`.
    static let organizationColumns = "o.id AS o_id, o.kind AS o_kind, o.name AS o_name, o.slug AS o_slug"

    /// The facts from rows carrying `counts` and `organizationColumns`: the counts are alike in
    /// every row, and an organization may come in more than one (once per school, where the
    /// session's statement joins those too).
    static func facts(from rows: [any SQLRow]) throws -> Facts {
        var organizations: [(id: UUID, kind: String, name: String, slug: String)] = []
        for row in rows {
            guard let id = try row.decode(column: "o_id", as: UUID?.self), !organizations.contains(where: { $0.id == id }) else { continue }
            organizations.append((id: id, kind: try row.decode(column: "o_kind", as: String.self),
                                  name: try row.decode(column: "o_name", as: String.self), slug: try row.decode(column: "o_slug", as: String.self)))
        }
        func count(_ column: String) throws -> Int { try rows.first?.decode(column: column, as: Int.self) ?? 0 }
        return Facts(organizations: organizations, isCandidate: try count("profiles") > 0,
                     unreadNotifications: try count("unread"), versionsToScore: try count("to_score"))
    }

    /// The counts, read once, joined to a row per organization (or to none): one statement, kept
    /// prepared.
    struct Statement: KeptStatement {
        static let sql = """
            SELECT \(counts(of: "$1")), \(organizationColumns)
            FROM (SELECT 1 AS one) AS c
            LEFT JOIN members m ON m.user_id = $1
            LEFT JOIN organizations o ON o.id = m.organization_id
            """
        var userID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [userID] }
    }
}
