import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The engagement an action is about, and who the acting person is in it. Loading it is the
/// authorization check: anyone outside the engagement is told it does not exist.
public struct EngagementParticipant: Sendable {
    public let id: EngagementID
    public let engagement: EngagementRecord
    public let role: EngagementRole
    public let user: UserRecord
    public let team: [TeamMemberRecord]
    public let userID: UserID

    public static func load(_ id: EngagementID, _ context: ActionContext) async throws -> EngagementParticipant {
        let principal = try context.actingPrincipal(), user = try await context.actingUser()
        guard let engagement = try await Engagements.find(id.uuid, on: context.db) else { throw ActionError.notFound }
        let team = try await Engagements.team(of: id.uuid, on: context.db)
        guard let role = EngagementAccess.role(of: principal, organizationID: engagement.$organization.id,
                                               candidateID: engagement.$candidate.id, team: Set(team.map(\.$user.id))) else {
            throw ActionError.notFound
        }
        return EngagementParticipant(id: id, engagement: engagement, role: role, user: user, team: team, userID: UserID(principal.userID))
    }

    /// Refused with the reason when the person's role does not include the duty.
    public func require(_ duty: EngagementAccess.Duty) throws {
        guard may(duty) else { throw ActionError.forbidden(EngagementError.notYours.description) }
    }

    public func may(_ duty: EngagementAccess.Duty) -> Bool { EngagementAccess.may(role, duty) }

    /// The one sequence of every move in an engagement: the duty is checked first (a refusal
    /// takes no lock), then under the engagement's lock and in one transaction the engagement is
    /// read afresh, `body` asks Core whether its state allows the move, writes and tells people,
    /// and Core decides the state the engagement moves to. Pass no duty only when the caller
    /// checked it already or it depends on what the move reads.
    public func perform<T: Sendable>(_ duty: EngagementAccess.Duty?, _ context: ActionContext,
                                     _ body: @escaping @Sendable (EngagementMove) async throws -> T) async throws -> T {
        if let duty { try require(duty) }
        let participant = self
        return try await context.act(locking: .engagement(id)) { tx in
            guard let fresh = try await Engagements.find(participant.id.uuid, on: tx.db) else { throw ActionError.notFound }
            let move = EngagementMove(participant: participant, engagement: fresh, context: tx)
            let result = try await body(move)
            try await EngagementNews.settle(move)
            return result
        }
    }
}

/// A move in progress: the engagement as read under the lock, and the context on its transaction.
public struct EngagementMove: Sendable {
    public let participant: EngagementParticipant
    public let engagement: EngagementRecord
    public let context: ActionContext

    var id: EngagementID { participant.id }

    /// Tells the others in the engagement, in the app and with `email` by mail, and records it.
    func tell(_ action: AuditAction, _ text: String, at place: EngagementPlace, email: Bool = false) async throws {
        try await EngagementNews.record(self, action, text, at: place, email: email)
    }
}
