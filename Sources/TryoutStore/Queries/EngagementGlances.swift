import FluentKit
import FluentPostgresDriver
import Foundation

extension Engagements {
    /// What every view of an engagement's pages reads first: whose engagement it is (to authorize
    /// the person), the version of what the pages show (`CreateEngagementVersions`), and what
    /// differs per view (the person's unread messages, the time logged).
    public struct Glance: Decodable, Sendable {
        public var organizationID: UUID
        public var candidateID: UUID
        /// Whether the person is on the engagement's team.
        public var onTeam: Bool
        public var version: Int
        public var unread: Int
        public var minutes: Int

        private enum CodingKeys: String, CodingKey {
            case version, unread, minutes
            case organizationID = "organization_id", candidateID = "candidate_id", onTeam = "on_team"
        }
    }

    /// One statement, where the pages' first view reads the engagement with its project,
    /// organization and candidate (74 columns), its team and its tallies in three.
    public static func glance(of id: UUID, by userID: UUID, on db: any Database) async throws -> Glance? {
        try await GlanceStatement(userID: userID, engagementID: id).rows(on: db).first?.decode(model: Glance.self)
    }

    /// Kept prepared: every view of an engagement's overview and thread starts with it.
    struct GlanceStatement: KeptStatement {
        static let sql = """
            SELECT e.organization_id, e.candidate_id,
              EXISTS (SELECT 1 FROM engagement_team AS t WHERE t.engagement_id = e.id AND t.user_id = $1) AS on_team,
              COALESCE((SELECT v.version FROM engagement_versions AS v WHERE v.engagement_id = e.id), 0) AS version,
              tallies.unread, tallies.minutes
            FROM engagements AS e CROSS JOIN (\(EngagementActivity.TalliesStatement.sql)) AS tallies
            WHERE e.id = $2
            """
        var userID: UUID
        var engagementID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [userID, engagementID] }
    }
}
