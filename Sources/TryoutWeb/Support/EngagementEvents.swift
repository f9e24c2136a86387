import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// What follows every engagement move, in its transaction: the other side hears of it (in the
/// app, and by e-mail when it matters), and the organization's audit log records it.
enum EngagementEvents {
    static func record(_ req: Request, _ context: EngagementContext, _ action: AuditAction, _ text: String, link: SiteURL,
                       email: Bool = false, on db: any Database) async throws {
        let engagement = context.engagement
        let now = req.now
        let recipients = try await recipients(of: engagement, team: context.team, except: context.userID, on: db)
        for user in recipients {
            try await Notifications.add(userID: try user.requireID(), message: text, link: link.path, at: now, on: db)
            if email {
                try await req.mailer.send(to: user.email, subject: "\(engagement.project.title): \(text)",
                                      body: "\(text)\n\n\(link.absolute(base: req.tryout.publicURL))\n", at: now, on: db)
            }
        }
        try await AuditLog.record(req.auditEntry(action, organizationID: engagement.$organization.id,
                                                 detail: "\(engagement.project.title) · \(engagement.candidate.displayName): \(text)"),
                                  at: now, on: db)
    }

    /// A place was accepted: the employer's people hear, in the app and by e-mail, that the
    /// agreements wait for their signature.
    static func started(_ req: Request, _ engagementID: UUID, on db: any Database) async throws {
        guard let engagement = try await Engagements.find(engagementID, on: db) else { return }
        let text = "\(engagement.candidate.displayName) accepted a place on “\(engagement.project.title)”; the agreements wait for signatures."
        let link = SiteURL.engagement(engagementID)
        for user in try await recipients(of: engagement, team: [], except: engagement.$candidate.id, on: db) {
            try await Notifications.add(userID: try user.requireID(), message: text, link: link.path, at: req.now, on: db)
            try await req.mailer.send(to: user.email, subject: "\(engagement.project.title): a place was accepted",
                                  body: "\(text)\n\n\(link.absolute(base: req.tryout.publicURL))\n", at: req.now, on: db)
        }
    }

    /// Refreshes the state after a move and, when it changed, tells everyone in the engagement.
    static func refresh(_ req: Request, _ context: EngagementContext, on db: any Database) async throws {
        guard let state = try await Engagements.refresh(context.engagement, at: req.now, on: db) else { return }
        let text = "“\(context.engagement.project.title)” is now: \(state.label.lowercased())."
        let everyone = try await recipients(of: context.engagement, team: context.team, except: nil, on: db)
        for user in everyone {
            try await Notifications.add(userID: try user.requireID(), message: text, link: SiteURL.engagement(context.id).path, at: req.now, on: db)
        }
        try await AuditLog.record(req.auditEntry(.engagementMoved, organizationID: context.engagement.$organization.id,
                                                 detail: "\(context.engagement.project.title) · \(context.engagement.candidate.displayName) → \(state.rawValue)"),
                                  at: req.now, on: db)
    }

    /// The candidate and the employer's people: the team, or while nobody is assigned, everyone
    /// who runs the organization's projects.
    static func recipients(of engagement: EngagementRecord, team: [TeamMemberRecord], except userID: UUID?,
                           on db: any Database) async throws -> [UserRecord] {
        var people = [engagement.candidate]
        if team.isEmpty {
            let managers = try await Organizations.members(of: engagement.$organization.id, on: db)
                .filter { [.owner, .admin, .hiringManager].contains($0.role) }
            people += managers.map(\.user)
        } else {
            people += team.map(\.user)
        }
        var seen = Set<UUID>()
        return people.filter { user in
            guard let id = user.id, id != userID else { return false }
            return seen.insert(id).inserted
        }
    }
}
