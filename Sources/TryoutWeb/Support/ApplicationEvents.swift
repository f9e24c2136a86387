import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// What follows every application move, in the move's own transaction: the candidate hears of it
/// in the app and by e-mail, and the organization's audit log records it. The log names the
/// applicant by handle, so a blind project stays blind there too.
enum ApplicationEvents {
    static func record(_ req: Request, _ changes: [ApplicationChange], project: ProjectRecord, byCandidate: Bool,
                       at now: Date, on db: any Database) async throws {
        let orgID = project.$organization.id
        for change in changes {
            let application = change.application
            let candidate = application.candidate
            let text = notice(application, project: project)
            let link = SiteURL.application(try application.requireID())
            try await Notifications.add(userID: try candidate.requireID(), message: text, link: link.path, at: now, on: db)
            var body = text + "\n\n"
            if !application.message.isEmpty { body += "Message from \(project.organization.name):\n\(application.message)\n\n" }
            body += "See your application: \(link.absolute(base: req.tryout.publicURL))\n"
            try await req.mailer.send(to: candidate.email, subject: "\(project.title): \(application.state.label.lowercased())",
                                  body: body, at: now, on: db)
            let because = change.automatic ? " (automatic: a place opened up)" : ""
            let detail = "\(application.handle) on \(project.title): \(change.from == application.state ? "new" : change.from.rawValue) → \(application.state.rawValue)"
            let action: AuditAction = application.state == .submitted ? .applicationSubmitted : .applicationMoved
            try await AuditLog.record(entry(req, action, orgID, detail + because, change, byCandidate: byCandidate), at: now, on: db)
            if change.revealed {
                // Only an employer's decision reveals, or Tryout offering a freed place; never the candidate's own move.
                try await AuditLog.record(entry(req, .identityRevealed, orgID, "\(application.handle) on \(project.title)" + because, change,
                                                byCandidate: false), at: now, on: db)
            }
        }
    }

    /// A candidate's own actions are logged under their handle: the organization reads this log.
    /// Moves Tryout makes on its own name nobody.
    private static func entry(_ req: Request, _ action: AuditAction, _ orgID: UUID, _ detail: String,
                              _ change: ApplicationChange, byCandidate: Bool) -> AuditEntry {
        if change.automatic { return .automatic(organizationID: orgID, action: action, detail: detail) }
        guard byCandidate else { return req.auditEntry(action, organizationID: orgID, detail: detail) }
        return AuditEntry(organizationID: orgID, actorUserID: change.application.$candidate.id, actorEmail: change.application.handle,
                          action: action, detail: detail, ip: req.clientIP)
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
