import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A person's private calendar feed: a secret address they can replace or turn off, and what
/// it lists (their open engagements' dates, deadlines and check-ins).
public enum CalendarService {
    public static func hasFeed(_ context: ActionContext) async throws -> Bool {
        try await CalendarFeeds.feed(userID: try context.actingPrincipal().userID, on: context.db) != nil
    }

    /// A new secret for the person (the old one stops working); only a confirmed address may have one.
    public static func create(_ context: ActionContext) async throws -> String {
        let user = try await context.actingUser()
        try AccountsService.requireConfirmed(user)
        return try await CalendarFeeds.create(userID: try user.requireID(), at: context.now, on: context.db)
    }

    public static func revoke(_ context: ActionContext) async throws {
        try await CalendarFeeds.revoke(userID: try context.actingPrincipal().userID, on: context.db)
    }

    /// What the feed at `token` lists, or nil for an unknown or revoked secret. The secret is
    /// the only credential, as calendar apps cannot sign in.
    public static func schedule(token: String, _ context: ActionContext) async throws
        -> (engagements: [EngagementRecord], milestones: [MilestoneRecord], checkIns: [CheckInRecord])? {
        guard let user = try await CalendarFeeds.user(token: token, on: context.db) else { return nil }
        var owner = context
        owner.principal = try await Accounts.principal(for: user, on: context.db)
        let engagements = try await EngagementsService.visible(owner).filter { !$0.state.isOver }
        let (milestones, checkIns) = try await Engagements.schedule(of: engagements.compactMap(\.id), on: context.db)
        return (engagements, milestones, checkIns)
    }
}
