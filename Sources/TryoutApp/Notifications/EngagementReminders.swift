import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Reminders inside engagements: check-ins coming up, deliverables due or overdue, agreements
/// left unsigned. Idempotent as every reminder is (see `RemindersService`): one key per reminder
/// of one thing, recorded with its mail.
enum EngagementReminders {
    /// Everyone in the engagement, a day and an hour ahead, with the check-in as an `.ics` file.
    static func checkIns(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        for (reminder, lead) in [(Reminder.checkInTomorrow, "tomorrow"), (.checkInSoon, "in an hour")] {
            for checkIn in try await DueReminders.checkIns(starting: reminder.moments(dueAt: ctx.now), on: ctx.db)
            where reminder.isDue(moment: checkIn.startsAt, createdAt: checkIn.createdAt, now: ctx.now) {
                guard let engagement = try await Engagements.find(checkIn.$engagement.id, on: ctx.db) else { continue }
                let engagementID = EngagementID(try engagement.requireID())
                let link = ctx.mail.links.path(.checkIns(engagementID))
                let text = "Check-in for “\(engagement.project.title)” \(lead): \(DateText.short(checkIn.startsAt)), \(checkIn.minutes) minutes."
                let invite = try attachment(checkIn, title: engagement.project.title, url: ctx.mail.links.base + link, ctx)
                if try await RemindersService.once(reminder, try checkIn.requireID(), ctx, { ctx in
                    for user in try await audience(of: engagement, ctx) {
                        try await RemindersService.tell(user, text, subject: "\(engagement.project.title): check-in \(lead)", link: link,
                                                        attachments: [invite], ctx)
                    }
                }) { sent += 1 }
            }
        }
        return sent
    }

    /// Two days ahead the candidate hears; once overdue, everyone in the engagement does.
    static func milestones(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        for reminder in [Reminder.milestoneDue, .milestoneOverdue] {
            for milestone in try await DueReminders.milestones(due: reminder.moments(dueAt: ctx.now), on: ctx.db) {
                guard let engagement = try await Engagements.find(milestone.$engagement.id, on: ctx.db),
                      reminder.isDue(moment: milestone.dueAt, createdAt: engagement.createdAt, now: ctx.now)
                else { continue }
                let link = ctx.mail.links.path(.milestone(EngagementID(try engagement.requireID()), MilestoneID(try milestone.requireID())))
                let title = engagement.project.title
                if try await RemindersService.once(reminder, try milestone.requireID(), ctx, { ctx in
                    if reminder == .milestoneDue {
                        try await RemindersService.tell(engagement.candidate, "“\(milestone.title)” is due on \(DateText.short(milestone.dueAt)).",
                                                        subject: "\(title): \(milestone.title) is due in two days", link: link, ctx)
                    } else {
                        for user in try await audience(of: engagement, ctx) {
                            try await RemindersService.tell(user, "“\(milestone.title)” was due on \(DateText.short(milestone.dueAt)) and is not in yet.",
                                                            subject: "\(title): \(milestone.title) is overdue", link: link, ctx)
                        }
                    }
                }) { sent += 1 }
            }
        }
        return sent
    }

    /// Whichever side has not signed two days after the agreement was issued.
    static func unsignedAgreements(_ ctx: ActionContext) async throws -> Int {
        let reminder = Reminder.agreementUnsigned
        var sent = 0
        for agreement in try await DueReminders.unsignedAgreements(issued: reminder.moments(dueAt: ctx.now), on: ctx.db) {
            guard let engagement = try await Engagements.find(agreement.$engagement.id, on: ctx.db) else { continue }
            let link = ctx.mail.links.path(.agreement(EngagementID(try engagement.requireID()), AgreementID(try agreement.requireID())))
            let title = engagement.project.title
            let text = "The \(agreement.kind.label.lowercased()) for “\(title)” waits for your signature; the work starts once every agreement is signed."
            if try await RemindersService.once(reminder, try agreement.requireID(), ctx, { ctx in
                for user in try await audience(of: engagement, ctx) {
                    let isCandidate = user.id == engagement.$candidate.id
                    guard isCandidate ? agreement.candidateSignedAt == nil : agreement.employerSignedAt == nil else { continue }
                    try await RemindersService.tell(user, text, subject: "\(title): an agreement waits for your signature", link: link, ctx)
                }
            }) { sent += 1 }
        }
        return sent
    }

    /// The candidate and the engagement's team (or, without a team, the organization's people).
    private static func audience(of engagement: EngagementRecord, _ ctx: ActionContext) async throws -> [UserRecord] {
        let team = try await Engagements.team(of: try engagement.requireID(), on: ctx.db)
        return try await EngagementNews.audience(of: engagement, team: team, except: nil, on: ctx.db)
    }

    /// The check-in as a calendar file mail clients offer to add.
    private static func attachment(_ checkIn: CheckInRecord, title: String, url: String, _ ctx: ActionContext) throws -> MailAttachment {
        let event = CalendarEvent(uid: "check-in-\(try checkIn.requireID().uuidString.lowercased())@tryout", summary: "Check-in: \(title)",
                                  description: checkIn.agenda, start: checkIn.startsAt,
                                  end: checkIn.startsAt.addingTimeInterval(TimeInterval(checkIn.minutes * 60)), url: url)
        return MailAttachment(filename: "check-in.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                              data: Data(ICalendar.document(name: "Tryout check-in", events: [event], stamp: ctx.now).utf8))
    }
}
