import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// What follows every application move, in the move's own transaction: the candidate hears of it
/// in the app and by e-mail, and the organization's audit log records it. The log names the
/// applicant by handle, so a blind project stays blind there too. Only the candidate hears:
/// the employer's people made the move, or see it on the applicant list.
public enum ApplicationEvents {
    /// Records `changes`, made by the candidate or else by `actor` (nil for nobody signed in).
    public static func record(_ changes: [ApplicationChange], project: ProjectRecord, byCandidate: Bool, actor: UserRecord?,
                       _ ctx: ActionContext) async throws {
        let orgID = project.$organization.id
        for change in changes {
            let application = change.application
            let candidate = application.candidate
            let text = Self.notice(application, project: project)
            let link = ctx.mail.links.path(.application(ApplicationID(try application.requireID())))
            try await Notifications.add(userID: try candidate.requireID(), message: text, link: link, at: ctx.now, on: ctx.db)
            var body = text + "\n\n"
            if !application.message.isEmpty { body += "Message from \(project.organization.name):\n\(application.message)\n\n" }
            body += "See your application: \(ctx.mail.links.base + link)\n"
            try await ctx.mail.send(MailMessage(to: candidate.email, subject: "\(project.title): \(application.state.label.lowercased())",
                                                text: body, category: category(of: change, byCandidate: byCandidate),
                                                recipientUserID: candidate.id), at: ctx.now, on: ctx.db)
            let because = change.automatic ? " (automatic: a place opened up)" : ""
            let detail = "\(application.handle) on \(project.title): \(change.from == application.state ? "new" : change.from.rawValue) → \(application.state.rawValue)"
            let action: AuditAction = application.state == .submitted ? .applicationSubmitted : .applicationMoved
            try await AuditLog.record(entry(action, orgID, detail + because, change, byCandidate: byCandidate, actor: actor, ctx),
                                      at: ctx.now, on: ctx.db)
            try await Webhooks.emit(try WebhookEvents.application(change, project: project, ctx), ctx)
            if change.revealed {
                // Only an employer's decision reveals, or Tryout offering a freed place; never the candidate's own move.
                try await AuditLog.record(entry(.identityRevealed, orgID, "\(application.handle) on \(project.title)" + because, change,
                                                byCandidate: false, actor: actor, ctx), at: ctx.now, on: ctx.db)
            }
        }
    }

    /// The candidate's own moves, and the receipt of an application, are news of their
    /// applications; anything the employer (or Tryout, freeing a place) decided is a decision.
    private static func category(of change: ApplicationChange, byCandidate: Bool) -> NotificationCategory {
        byCandidate && !change.automatic ? .applications : .decisions
    }

    /// A candidate's own actions are logged under their handle: the organization reads this log.
    /// Moves Tryout makes on its own name nobody.
    private static func entry(_ action: AuditAction, _ orgID: UUID, _ detail: String, _ change: ApplicationChange, byCandidate: Bool,
                       actor: UserRecord?, _ ctx: ActionContext) -> AuditEntry {
        if change.automatic { return .automatic(organizationID: orgID, action: action, detail: detail) }
        guard byCandidate else {
            return AuditEntry(organizationID: orgID, actorUserID: actor?.id, actorEmail: actor?.email ?? "", action: action,
                              detail: detail, ip: ctx.client.address)
        }
        return AuditEntry(organizationID: orgID, actorUserID: change.application.$candidate.id, actorEmail: change.application.handle,
                          action: action, detail: detail, ip: ctx.client.address)
    }

    static func notice(_ application: ApplicationRecord, project: ProjectRecord) -> String {
        let title = "“\(project.title)”"
        let org = project.organization.name
        return switch application.state {
        case .submitted: "Your application to \(title) was received. \(org) will be in touch."
        case .shortlisted: "You are on the shortlist for \(title)."
        case .waitlisted: "You are on the waiting list for \(title); every place is taken for now."
        case .offered: "\(org) offers you a place on \(title). Please answer by \(application.offerExpiresAt.map(DateText.short) ?? "soon")."
        case .accepted: "You accepted a place on \(title)."
        case .rejected: "\(org) has not selected you for \(title) this time. Thank you for applying."
        case .withdrawn: "You withdrew your application to \(title)."
        case .declined: "You declined the offer for \(title)."
        }
    }
}
