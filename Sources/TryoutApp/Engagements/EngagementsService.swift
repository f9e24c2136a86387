import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The engagements a person sees, their onboarding checklist, their team, and ending one early.
public enum EngagementsService {
    /// The engagements the person may open: their own as a candidate, and those of the
    /// organizations whose projects they run.
    public static func visible(_ context: ActionContext) async throws -> [EngagementRecord] {
        guard let principal = context.principal else { throw ActionError.notFound }
        let managed = principal.memberships.keys.filter { Policy.allows(principal, .authorProjects($0)) }
        return try await Engagements.forUser(principal.userID, managing: Array(managed), on: context.db)
    }

    /// The engagements the person may open, each with how many messages they have not read.
    public static func list(_ context: ActionContext) async throws -> [(engagement: EngagementRecord, unread: Int)] {
        let engagements = try await visible(context)
        guard let principal = context.principal else { throw ActionError.notFound }
        let unread = try await EngagementActivity.unread(userID: principal.userID, engagementIDs: engagements.compactMap(\.id), on: context.db)
        return engagements.map { ($0, $0.id.flatMap { unread[$0] } ?? 0) }
    }

    /// Ticks off a checklist item. Who may tick depends on the item's owner, read under the lock,
    /// so a move the state no longer allows is refused as such before the duty is asked.
    public static func tick(_ itemID: ChecklistItemID, in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try await participant.perform(nil, context) { move in
            try EngagementLifecycle.checkWork(move.engagement.state)
            guard let item = try await ChecklistItemRecord.query(on: move.context.db).filter(\.$id == itemID.uuid)
                .filter(\.$engagement.$id == participant.id.uuid).first() else { throw ActionError.notFound }
            try participant.require(.tick(item.owner))
            guard item.doneAt == nil else { return }
            _ = try await Engagements.tick(itemID.uuid, of: move.engagement, by: participant.userID.uuid, at: move.context.now, on: move.context.db)
            try await move.tell(.checklistTicked, "\(participant.user.displayName) ticked off “\(item.title)”.", at: .overview(participant.id))
        }
    }

    /// Asked before the page that confirms ending early: the checks `terminate` makes on the
    /// person and the engagement's state, so the page never offers what would be refused.
    public static func checkTermination(in participant: EngagementParticipant) throws {
        try participant.require(.terminate)
        do {
            try EngagementLifecycle.checkOpen(participant.engagement.state)
        } catch {
            throw ActionError.conflict(error.description)
        }
    }

    public static func terminate(_ input: TerminationInput, in participant: EngagementParticipant, _ context: ActionContext) async throws {
        let reason = input.reason
        try await participant.perform(.terminate, context) { move in
            try EngagementLifecycle.checkOpen(move.engagement.state)
            try await Engagements.terminate(move.engagement, reason: reason, by: participant.userID.uuid, at: move.context.now, on: move.context.db)
            try await EscrowFlows.endedEarly(move.engagement, by: participant.userID.uuid, move.context)
            try await Webhooks.emit(try WebhookEvents.engagement(.engagementTerminated, move.engagement, reason: reason, move.context), move.context)
            try await move.tell(.engagementTerminated, "\(participant.user.displayName) ended the engagement early: \(reason)",
                                at: .overview(participant.id), email: true)
        }
    }

    /// The organization's members, whom a manager may assign to the team.
    public static func assignable(in engagement: EngagementGlance, _ context: ActionContext) async throws -> [MemberRecord] {
        engagement.may(.manageTeam) ? try await Organizations.members(of: engagement.organizationID, on: context.db) : []
    }

    public static func addToTeam(_ userID: UserID?, in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try participant.require(.manageTeam)
        let members = try await Organizations.members(of: participant.engagement.$organization.id, on: context.db)
        guard let userID, let member = members.first(where: { $0.$user.id == userID.uuid }) else {
            throw ValidationFailure([FieldError("userID", "Choose a member of \(participant.engagement.organization.name).")])
        }
        try await participant.perform(nil, context) { move in
            guard try await Engagements.addToTeam(userID.uuid, engagementID: participant.id.uuid, at: move.context.now, on: move.context.db) else { return }
            try await move.tell(.teamChanged, "\(member.user.displayName) joined the team.", at: .overview(participant.id))
        }
    }

    public static func removeFromTeam(_ userID: UserID, in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try await participant.perform(.manageTeam, context) { move in
            try await Engagements.removeFromTeam(userID.uuid, engagementID: participant.id.uuid, on: move.context.db)
            try await move.context.audit(.teamChanged, by: participant.user, organizationID: move.engagement.$organization.id,
                                         detail: "\(move.engagement.project.title): removed a team member")
        }
    }
}
