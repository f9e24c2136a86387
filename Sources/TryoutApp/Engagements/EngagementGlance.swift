import Foundation
import TryoutCore
import TryoutStore

/// An engagement as every view of its pages first reads it, in one statement: who the person is
/// in it (loading it is the authorization check, as `EngagementParticipant.load` is), the version
/// of what the pages show, and what differs per view. A page that finds what it shows kept at
/// this version needs nothing more of the engagement.
public struct EngagementGlance: Sendable {
    public let id: EngagementID
    public let organizationID: UUID
    public let role: EngagementRole
    public let userID: UserID
    /// Raised by the database with every change the overview or the thread could show.
    public let version: Int
    public let unreadMessages: Int
    public let minutesLogged: Int

    public static func load(_ id: EngagementID, _ context: ActionContext) async throws -> EngagementGlance {
        let principal = try context.actingPrincipal()
        guard let glance = try await Engagements.glance(of: id.uuid, by: principal.userID, on: context.db),
              let role = EngagementAccess.role(of: principal, organizationID: glance.organizationID, candidateID: glance.candidateID,
                                               team: glance.onTeam ? [principal.userID] : []) else {
            throw ActionError.notFound
        }
        return EngagementGlance(id: id, organizationID: glance.organizationID, role: role, userID: UserID(principal.userID),
                                version: glance.version, unreadMessages: glance.unread, minutesLogged: glance.minutes)
    }

    public func may(_ duty: EngagementAccess.Duty) -> Bool { EngagementAccess.may(role, duty) }
}
