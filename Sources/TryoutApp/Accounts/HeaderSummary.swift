import FluentKit
import TryoutCore
import TryoutStore

/// What the site's header shows a signed-in person besides their name: the organizations they
/// belong to (by name), whether they have a candidate profile, and how many notices are unread.
public struct HeaderSummary: Sendable {
    public struct Organization: Sendable {
        public let name: String
        public let slug: String
    }

    public let organizations: [Organization]
    public let isCandidate: Bool
    public let unreadNotifications: Int

    public static func load(for userID: UserID, on db: any Database) async throws -> HeaderSummary {
        let memberships = try await Accounts.memberships(userID: userID.uuid, on: db)
        return HeaderSummary(
            organizations: memberships.map { Organization(name: $0.organization.name, slug: $0.organization.slug) }.sorted { $0.name < $1.name },
            isCandidate: try await CandidateProfiles.profile(userID: userID.uuid, on: db) != nil,
            unreadNotifications: try await Notifications.unreadCount(userID: userID.uuid, on: db))
    }
}
