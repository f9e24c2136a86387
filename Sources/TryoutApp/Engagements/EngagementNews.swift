import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// What follows every engagement move, in its transaction: the others hear of it (in the app,
/// and by e-mail when it matters), and the organization's audit log records it. Who hears is
/// Core's decision (`EngagementAccess.audience`).
public enum EngagementNews {
    static func record(_ move: EngagementMove, _ action: AuditAction, _ text: String, at place: EngagementPlace, email: Bool) async throws {
        let engagement = move.engagement, context = move.context
        let link = context.mail.links.path(place)
        // Someone in several engagements reads the notice in a list: it names the project first.
        let notice = "\(engagement.project.title): \(text)"
        for user in try await audience(of: engagement, team: move.participant.team, except: move.participant.userID.uuid, on: context.db) {
            try await Notifications.add(userID: try user.requireID(), message: notice, link: link, at: context.now, on: context.db)
            if email {
                try await context.mail.send(MailMessage(to: user.email, subject: notice,
                                                        text: "\(text)\n\n\(context.mail.links.base + link)\n",
                                                        category: .engagementActivity, recipientUserID: user.id), at: context.now, on: context.db)
            }
        }
        try await context.audit(action, by: move.participant.user, organizationID: engagement.$organization.id,
                                detail: "\(engagement.project.title) · \(engagement.candidate.displayName): \(text)")
    }

    /// A place was accepted: the employer's people hear, in the app and by e-mail, that the
    /// agreements wait for their signature.
    public static func started(_ engagementID: EngagementID, _ context: ActionContext) async throws {
        guard let engagement = try await Engagements.find(engagementID.uuid, on: context.db) else { return }
        let text = "\(engagement.candidate.displayName) accepted a place on “\(engagement.project.title)”; the agreements wait for signatures."
        try await Webhooks.emit(try WebhookEvents.engagement(.engagementStarted, engagement, context), context)
        let link = context.mail.links.path(.overview(engagementID))
        for user in try await audience(of: engagement, team: [], except: engagement.$candidate.id, on: context.db) {
            try await Notifications.add(userID: try user.requireID(), message: text, link: link, at: context.now, on: context.db)
            try await context.mail.send(MailMessage(to: user.email, subject: "\(engagement.project.title): a place was accepted",
                                                    text: "\(text)\n\n\(context.mail.links.base + link)\n",
                                                    category: .engagementActivity, recipientUserID: user.id), at: context.now, on: context.db)
        }
    }

    /// Moves the engagement to the state Core derives from what the move left behind and, when
    /// it changed, tells everyone in the engagement.
    static func settle(_ move: EngagementMove) async throws {
        try await settle(move.engagement, team: move.participant.team, by: move.participant.user, move.context)
    }

    /// The same for a move nobody made in person (`actor` nil), such as a version accepted
    /// automatically; `engagement` read under its lock, with its project and candidate.
    static func settle(_ engagement: EngagementRecord, team: [TeamMemberRecord], by actor: UserRecord?, _ context: ActionContext) async throws {
        let id = EngagementID(try engagement.requireID())
        let progress = try await Engagements.progress(of: id.uuid, on: context.db)
        guard let state = EngagementLifecycle.move(from: engagement.state, progress) else { return }
        try await Engagements.move(engagement, to: state, at: context.now, on: context.db)
        if state == .completed {
            try await Webhooks.emit(try WebhookEvents.engagement(.engagementCompleted, engagement, context), context)
            try await context.enqueue(IssueCredential(engagementID: id.uuid), uniqueKey: "credential:\(id.uuid)")
        }
        let text = "“\(engagement.project.title)” is now: \(state.label.lowercased())."
        let link = context.mail.links.path(.overview(id))
        for user in try await audience(of: engagement, team: team, except: nil, on: context.db) {
            try await Notifications.add(userID: try user.requireID(), message: text, link: link, at: context.now, on: context.db)
        }
        try await context.audit(.engagementMoved, by: actor, organizationID: engagement.$organization.id,
                                detail: "\(engagement.project.title) · \(engagement.candidate.displayName) → \(state.rawValue)")
    }

    /// The people Core says hear of a move, as accounts to notify and mail.
    static func audience(of engagement: EngagementRecord, team: [TeamMemberRecord], except actor: UUID?,
                         on db: any Database) async throws -> [UserRecord] {
        let members = team.isEmpty ? try await Organizations.members(of: engagement.$organization.id, on: db) : []
        var accounts = [engagement.$candidate.id: engagement.candidate]
        for member in members { accounts[member.$user.id] = member.user }
        for member in team { accounts[member.$user.id] = member.user }
        return EngagementAccess.audience(candidateID: engagement.$candidate.id, organizationID: engagement.$organization.id,
                                         team: team.map(\.$user.id), members: members.map { ($0.$user.id, $0.role) }, except: actor)
            .compactMap { accounts[$0] }
    }
}
