import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The reminders Tryout sends on its own (`Reminder` says which and when). A recurring job runs
/// `sendDue` every few minutes; each reminder goes out once, however often it runs.
///
/// Idempotent: each reminder records its key (`Reminder.key`) in `sent_reminders` in the same
/// transaction as its notifications and mail. A second run, or a run after a crash before the job
/// was marked done, finds the key and sends nothing; a crash before the commit sent nothing.
public enum RemindersService {
    /// Sends every reminder due at `ctx.now`; returns how many went out.
    @discardableResult
    public static func sendDue(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        sent += try await offersExpiring(ctx)
        sent += try await offersLapsed(ctx)
        sent += try await EngagementReminders.checkIns(ctx)
        sent += try await EngagementReminders.milestones(ctx)
        sent += try await EngagementReminders.unsignedAgreements(ctx)
        sent += try await screeningWaiting(ctx)
        sent += try await ApplyByClosing.closeDue(ctx)
        sent += try await ReviewReminders.sendDue(ctx)
        sent += try await DisputeReminders.sendDue(ctx)
        sent += try await AutoAcceptance.warn(ctx)
        sent += try await AutoAcceptance.acceptDue(ctx)
        return sent
    }

    /// Runs `body` once for `reminder` of `id`: under `lock`, in one transaction with the record
    /// that it ran. Returns whether it ran now.
    static func once(_ reminder: Reminder, _ id: UUID, locking lock: ActionLock = .none, _ ctx: ActionContext,
                     _ body: @escaping @Sendable (ActionContext) async throws -> Void) async throws -> Bool {
        try await ctx.act(locking: lock) { ctx in
            guard try await SentReminders.claim(reminder.key(id), at: ctx.now, on: ctx.db) else { return false }
            try await body(ctx)
            return true
        }
    }

    /// Tells one person: in the app, and by e-mail as their reminder preference says.
    static func tell(_ user: UserRecord, _ text: String, subject: String, link: String, attachments: [MailAttachment] = [],
                     _ ctx: ActionContext) async throws {
        let userID = try user.requireID()
        try await Notifications.add(userID: userID, message: text, link: link, at: ctx.now, on: ctx.db)
        try await ctx.mail.send(MailMessage(to: user.email, subject: subject, text: "\(text)\n\n\(ctx.mail.links.base + link)\n",
                                            category: .reminders, recipientUserID: userID, attachments: attachments),
                                at: ctx.now, on: ctx.db)
    }

    /// The employer's people who decide on a project's applications.
    static func deciders(of organizationID: UUID, on db: any Database) async throws -> [UserRecord] {
        try await Organizations.members(of: organizationID, on: db)
            .filter { Policy.allows(Principal(userID: $0.$user.id, memberships: [organizationID: $0.role]), .authorProjects(organizationID)) }
            .map(\.user)
    }

    private static func offersExpiring(_ ctx: ActionContext) async throws -> Int {
        let reminder = Reminder.offerExpiring
        var sent = 0
        for application in try await DueReminders.offers(expiring: reminder.moments(dueAt: ctx.now), on: ctx.db) {
            guard let expires = application.offerExpiresAt,
                  reminder.isDue(moment: expires, createdAt: application.offeredAt ?? application.stateChangedAt, now: ctx.now)
            else { continue }
            let project = application.project
            let when = DateText.short(expires)
            let link = ctx.mail.links.path(.application(ApplicationID(try application.requireID())))
            let applicants = ctx.mail.links.path(.applicants(ProjectID(try project.requireID())))
            if try await once(reminder, try application.requireID(), ctx, { ctx in
                try await tell(application.candidate, "Your offer for “\(project.title)” from \(project.organization.name) lapses on \(when). Accept or decline it before then.",
                               subject: "\(project.title): your offer lapses in a day", link: link, ctx)
                for user in try await deciders(of: project.$organization.id, on: ctx.db) {
                    try await tell(user, "The offer to \(application.handle) on “\(project.title)” is still unanswered and lapses on \(when).",
                                   subject: "\(project.title): an offer lapses in a day", link: applicants, ctx)
                }
            }) { sent += 1 }
        }
        return sent
    }

    /// Both sides hear: the candidate can no longer accept; the employer may offer the place again.
    private static func offersLapsed(_ ctx: ActionContext) async throws -> Int {
        let reminder = Reminder.offerLapsed
        var sent = 0
        for application in try await DueReminders.offers(expiring: reminder.moments(dueAt: ctx.now), on: ctx.db) {
            let project = application.project
            let applicationID = ApplicationID(try application.requireID())
            let projectID = ProjectID(try project.requireID())
            if try await once(reminder, applicationID.uuid, ctx, { ctx in
                try await tell(application.candidate, "Your offer for “\(project.title)” lapsed unanswered.",
                               subject: "\(project.title): your offer lapsed", link: ctx.mail.links.path(.application(applicationID)), ctx)
                for user in try await deciders(of: project.$organization.id, on: ctx.db) {
                    try await tell(user, "The offer to \(application.handle) on “\(project.title)” lapsed unanswered; you may offer the place to someone else.",
                                   subject: "\(project.title): an offer lapsed", link: ctx.mail.links.path(.applicants(projectID)), ctx)
                }
            }) { sent += 1 }
        }
        return sent
    }

    /// One notice per project for the applications that reached five days unanswered in this run,
    /// not one mail per application.
    private static func screeningWaiting(_ ctx: ActionContext) async throws -> Int {
        let reminder = Reminder.screeningWaiting
        let due = try await DueReminders.waitingApplications(arrived: reminder.moments(dueAt: ctx.now), on: ctx.db)
        var sent = 0
        for (_, applications) in Dictionary(grouping: due, by: { $0.$project.id }).sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            guard let project = applications.first?.project else { continue }
            let projectID = ProjectID(try project.requireID())
            let ids = try applications.map { try $0.requireID() }
            let told = try await ctx.act(locking: .none) { ctx in
                var fresh = 0
                for id in ids where try await SentReminders.claim(reminder.key(id), at: ctx.now, on: ctx.db) { fresh += 1 }
                guard fresh > 0 else { return false }
                let text = fresh == 1 ? "An application to “\(project.title)” has waited five days for a decision."
                                      : "\(fresh) applications to “\(project.title)” have waited five days for a decision."
                for user in try await deciders(of: project.$organization.id, on: ctx.db) {
                    try await tell(user, text, subject: "\(project.title): applications waiting", link: ctx.mail.links.path(.applicants(projectID)), ctx)
                }
                return true
            }
            if told { sent += 1 }
        }
        return sent
    }
}
