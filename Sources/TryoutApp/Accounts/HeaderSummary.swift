import FluentKit
import TryoutCore
import TryoutStore

/// What the site's header shows a signed-in person besides their name: the organizations they
/// belong to (by name), whether they have a candidate profile, how many notices are unread and
/// how many versions wait for their scorecard.
public struct HeaderSummary: Sendable {
    public struct Organization: Sendable {
        public let id: OrganizationID
        public let kind: OrganizationKind
        public let name: String
        public let slug: String
    }

    public let organizations: [Organization]
    public let isCandidate: Bool
    public let unreadNotifications: Int
    public let versionsToScore: Int

    public static func load(for userID: UserID, on db: any Database) async throws -> HeaderSummary {
        HeaderSummary(try await HeaderFacts.load(userID: userID.uuid, on: db))
    }

    /// The summary of facts already read, with the session (`Accounts.session(withHeader:)`).
    public init(_ facts: HeaderFacts.Facts) {
        organizations = facts.organizations.map {
            Organization(id: OrganizationID($0.id), kind: OrganizationKind(rawValue: $0.kind) ?? .employer, name: $0.name, slug: $0.slug)
        }.sorted { $0.name < $1.name }
        isCandidate = facts.isCandidate
        unreadNotifications = facts.unreadNotifications
        versionsToScore = facts.versionsToScore
    }
}
