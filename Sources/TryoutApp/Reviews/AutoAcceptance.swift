import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Silence never blocks pay: a version nobody decided on within its project's days is accepted,
/// with a note saying so, and does everything accepting does (the engagement completes with its
/// last deliverable). Both sides are warned a week and two days before.
///
/// Idempotent: accepting re-reads the version under the engagement's lock and only acts on one
/// still waiting; each warning's key is recorded with its mail (`RemindersService.once`).
enum AutoAcceptance {
    /// Accepts every version now past its project's days; returns how many.
    static func acceptDue(_ ctx: ActionContext) async throws -> Int {
        let earliest = ctx.now.addingTimeInterval(-TimeInterval(ReviewSettings.autoAcceptDays.lowerBound) * 86_400)
        var accepted = 0
        for submission in try await Reviews.undecided(before: earliest, on: ctx.db)
        where AutoApproval.isDue(submittedAt: submission.waitingSince, days: submission.engagement.project.autoAcceptDays, now: ctx.now) {
            if try await accept(SubmissionID(try submission.requireID()), engagementID: EngagementID(submission.$engagement.id), ctx) {
                accepted += 1
            }
        }
        return accepted
    }

    private static func accept(_ id: SubmissionID, engagementID: EngagementID, _ ctx: ActionContext) async throws -> Bool {
        try await ctx.act(locking: .engagement(engagementID)) { tx in
            guard let engagement = try await Engagements.find(engagementID.uuid, on: tx.db),
                  let submission = try await Submissions.find(id.uuid, engagementID: engagementID.uuid, on: tx.db),
                  let milestone = try await Submissions.milestone(submission.$milestone.id, engagementID: engagementID.uuid, on: tx.db),
                  (try? EngagementLifecycle.checkFeedback(engagement: engagement.state, milestone: submission.state)) != nil
            else { return false }
            let days = engagement.project.autoAcceptDays
            guard AutoApproval.isDue(submittedAt: submission.waitingSince, days: days, now: tx.now) else { return false }
            let note = try FeedbackInput(decision: FeedbackInput.Decision.accept.rawValue, feedback: AutoApproval.note(days: days))
            try await Submissions.respond(submission, of: milestone, note, by: nil, at: tx.now, on: tx.db)
            try await EscrowFlows.release(milestone, of: engagement, key: "release:\(try milestone.requireID())", by: nil, tx)
            try await Webhooks.emit(try WebhookEvents.autoAccepted(submission, of: milestone, in: engagement, days: days, tx), tx)
            let team = try await Engagements.team(of: engagementID.uuid, on: tx.db)
            let text = "Version \(submission.version) of “\(milestone.title)” was accepted automatically: no decision came within \(days) days."
            let link = tx.mail.links.path(.milestone(engagementID, MilestoneID(try milestone.requireID())))
            for user in try await EngagementNews.audience(of: engagement, team: team, except: nil, on: tx.db) {
                try await RemindersService.tell(user, text, subject: "\(engagement.project.title): \(milestone.title) accepted automatically",
                                                link: link, tx)
            }
            try await tx.audit(.versionAutoAccepted, by: nil, organizationID: engagement.$organization.id,
                               detail: "\(engagement.project.title) · \(milestone.title) v\(submission.version) after \(days) days")
            try await EngagementNews.settle(engagement, team: team, by: nil, tx)
            return true
        }
    }

    /// A week and two days before, both sides hear when the version will be accepted.
    static func warn(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        for submission in try await Reviews.undecided(before: ctx.now, on: ctx.db) {
            let engagement = submission.engagement, days = engagement.project.autoAcceptDays
            let deadline = AutoApproval.deadline(submittedAt: submission.waitingSince, days: days)
            for reminder in [Reminder.autoAcceptInAWeek, .autoAcceptSoon]
            where reminder.isDue(moment: deadline, createdAt: submission.waitingSince, now: ctx.now) {
                guard let full = try await Engagements.find(engagement.id!, on: ctx.db),
                      let milestone = try await Submissions.milestone(submission.$milestone.id, engagementID: engagement.id!, on: ctx.db)
                else { continue }
                let engagementID = EngagementID(try full.requireID())
                let link = ctx.mail.links.path(.milestone(engagementID, MilestoneID(try milestone.requireID())))
                let text = "Version \(submission.version) of “\(milestone.title)” will be accepted automatically on \(DateText.short(deadline)) unless it is decided before."
                if try await RemindersService.once(reminder, try submission.requireID(), ctx, { ctx in
                    let team = try await Engagements.team(of: engagementID.uuid, on: ctx.db)
                    for user in try await EngagementNews.audience(of: full, team: team, except: nil, on: ctx.db) {
                        try await RemindersService.tell(user, text, subject: "\(full.project.title): \(milestone.title) awaits a decision", link: link, ctx)
                    }
                }) { sent += 1 }
            }
        }
        return sent
    }
}

/// A scorecard still missing two working days after the reviewer was asked: they hear; two
/// working days later, the engagement's managers do.
enum ReviewReminders {
    static func sendDue(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        // Four working days are at most six calendar days; three more cover the reminder's window.
        let since = ctx.now.addingTimeInterval(-9 * 86_400)
        for assignment in try await Reviews.unscored(assignedSince: since, on: ctx.db) {
            for (reminder, days) in [(Reminder.reviewWaiting, 2), (.reviewLate, 4)]
            where reminder.isDue(moment: WorkingDays.adding(days, to: assignment.assignedAt), createdAt: assignment.assignedAt, now: ctx.now) {
                guard let engagement = try await Engagements.find(assignment.$engagement.id, on: ctx.db) else { continue }
                let submission = assignment.submission
                let link = ctx.mail.links.path(.review(SubmissionID(try submission.requireID())))
                let title = engagement.project.title
                if try await RemindersService.once(reminder, try assignment.requireID(), ctx, { ctx in
                    if reminder == .reviewWaiting {
                        try await RemindersService.tell(assignment.reviewer, "Version \(submission.version) on “\(title)” still waits for your scorecard.",
                                                        subject: "\(title): a version waits for your scorecard", link: link, ctx)
                    } else {
                        let team = try await Engagements.team(of: engagement.id!, on: ctx.db)
                        for user in try await EngagementNews.audience(of: engagement, team: team, except: nil, on: ctx.db)
                        where user.id != engagement.$candidate.id {
                            try await RemindersService.tell(user, "\(assignment.reviewer.displayName) has not scored version \(submission.version) on “\(title)” after four working days.",
                                                            subject: "\(title): a scorecard is late", link: link, ctx)
                        }
                    }
                }) { sent += 1 }
            }
        }
        return sent
    }
}
