import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

extension TestLinks {
    func unsubscribe(token: String) -> String { "https://tryout.test/unsubscribe/\(token)" }
    var notificationSettings: String { "https://tryout.test/settings/notifications" }
    var earnings: String { "/earnings" }
    func billing(organizationSlug: String) -> String { "/orgs/\(organizationSlug)/billing" }
}

/// Preferences, the daily digest, reminders and unsubscribing, run as the jobs and pages run
/// them: no HTTP.
@Suite("Notifications service")
struct NotificationsServiceTests {
    private let day: TimeInterval = 86_400

    private func choose(_ t: TestApp, _ email: String, _ fields: [String: String], timeZone: String? = nil) async throws {
        _ = try await NotificationPreferencesService.update(fields, timeZone: timeZone, try await t.context(as: email))
    }

    private func subjects(_ t: TestApp, to email: String) async throws -> [String] {
        try await Outbox.messages(to: email, on: t.db).map(\.subject).sorted()
    }

    private func digestItems(_ t: TestApp) async throws -> Int {
        try await DigestItemRecord.query(on: t.db).count()
    }

    /// Runs the reminder sweep at `date` (moving the clock there).
    @discardableResult
    private func reminders(_ t: TestApp, at date: Date) async throws -> Int {
        t.clock.advance(by: date.timeIntervalSince(t.clock.now))
        return try await RemindersService.sendDue(t.context())
    }

    @Test("immediately goes to the outbox with an unsubscribe link, a digest keeps it back, off sends nothing; the app always hears")
    func routing() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            try await choose(t, "ada@uni.test", ["applications": "daily_digest", "decisions": "off"])
            let id = try await t.apply(to: projectID)
            try await t.decide(id, .shortlisted, on: projectID)
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).isEmpty)
            #expect(try await digestItems(t) == 1)

            try await choose(t, "ada@uni.test", ["decisions": "immediately"])
            try await t.decide(id, .offered, on: projectID)
            let offer = try #require(try await Outbox.messages(to: "ada@uni.test", on: t.db).first)
            let url = try #require(offer.unsubscribeURL)
            #expect(url.hasPrefix("https://tryout.test/unsubscribe/") && offer.body.contains(url))
            #expect(offer.body.contains("https://tryout.test/settings/notifications"))
            let ada = try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db))
            #expect(try await Notifications.recent(userID: try ada.requireID(), on: t.db).count == 3)
            // Account mail has no kind: nobody can turn it off, and it offers no way to.
            try await AccountsService.requestPasswordReset(EmailAddress("ada@uni.test")!, t.context())
            let reset = try #require(try await Outbox.messages(to: "ada@uni.test", on: t.db).first { $0.subject.contains("password") })
            #expect(reset.unsubscribeURL == nil && !reset.body.contains("/unsubscribe/"))
        }
    }

    @Test("the digest goes at 08:00 on the person's clock, once, only with news from before then, and not when there is none")
    func digest() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            try await choose(t, "ada@uni.test", ["applications": "daily_digest"])
            _ = try await t.apply(to: projectID)
            let start = t.clock.now
            // Applied at 11:06 London time: today's 08:00 has passed, so tomorrow's digest carries it.
            #expect(try await DigestService.sendDue(t.context()) == 0)
            let tomorrowEight = try #require(ISO8601DateFormatter().date(from: "2026-11-19T08:00:00Z"))
            t.clock.advance(by: tomorrowEight.timeIntervalSince(start) - 1)
            #expect(try await DigestService.sendDue(t.context()) == 0)
            t.clock.advance(by: 1)
            #expect(try await DigestService.sendDue(t.context()) == 1)
            #expect(try await DigestService.sendDue(t.context()) == 0)
            let digest = try #require(try await Outbox.messages(to: "ada@uni.test", on: t.db).first)
            #expect(digest.subject == "Your Tryout digest: 1 update")
            #expect(digest.body.contains("was received") && digest.body.contains("Applications\n============"))
            #expect(digest.unsubscribeURL.map(digest.body.contains) == true)
            t.clock.advance(by: day)
            #expect(try await DigestService.sendDue(t.context()) == 0)
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).count == 1)

            // A zone chosen for the account wins over the profile's: 08:00 in New York is 13:00 UTC.
            // It is 20 November, 08:00 UTC (03:00 in New York): the news waits for New York's 08:00.
            try await choose(t, "ada@uni.test", ["reminders": "daily_digest"], timeZone: "America/New_York")
            try await Digests.keep(userID: try #require(digest.recipientUserID), category: .reminders, subject: "A reminder", body: "Soon.",
                                   at: t.clock.now, on: t.db)
            t.clock.advance(by: 5 * 3600 - 60)
            #expect(try await DigestService.sendDue(t.context()) == 0)
            t.clock.advance(by: 60)
            #expect(try await DigestService.sendDue(t.context()) == 1)
        }
    }

    @Test("an offer: both sides a day before it lapses and when it lapses, each once; reviewers, who do not decide, hear nothing")
    func offerReminders() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let id = try await t.apply(to: projectID)
            try await t.decide(id, .shortlisted, on: projectID)
            try await t.decide(id, .offered, on: projectID)
            let offered = t.clock.now
            #expect(try await reminders(t, at: offered.addingTimeInterval(6 * day - 1)) == 0)
            #expect(try await reminders(t, at: offered.addingTimeInterval(6 * day)) == 1)
            #expect(try await reminders(t, at: offered.addingTimeInterval(6 * day + 60)) == 0)
            #expect(try await subjects(t, to: "ada@uni.test").contains { $0.hasSuffix("your offer lapses in a day") })
            #expect(try await subjects(t, to: "owner@acme.test").contains { $0.hasSuffix("an offer lapses in a day") })
            #expect(try await reminders(t, at: offered.addingTimeInterval(7 * day)) == 1)
            #expect(try await reminders(t, at: offered.addingTimeInterval(7 * day + 900)) == 0)
            #expect(try await subjects(t, to: "ada@uni.test").contains { $0.hasSuffix("your offer lapsed") })
            #expect(try await subjects(t, to: "hiring_manager@acme.test").contains { $0.hasSuffix("an offer lapsed") })
            #expect(try await subjects(t, to: "reviewer@acme.test").isEmpty)
        }
    }

    @Test("an application five days in screening: one notice to the deciders, once")
    func screeningReminder() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            _ = try await t.apply(to: projectID)
            let applied = t.clock.now
            #expect(try await reminders(t, at: applied.addingTimeInterval(5 * day - 1)) == 0)
            #expect(try await reminders(t, at: applied.addingTimeInterval(5 * day)) == 1)
            #expect(try await reminders(t, at: applied.addingTimeInterval(5 * day + 900)) == 0)
            let told = try await subjects(t, to: "owner@acme.test")
            #expect(told.count == 1 && told.allSatisfy { $0.hasSuffix("applications waiting") })
        }
    }

    @Test("the apply-by date: at the end of the day applications close, waiting applicants and deciders hear once, nobody is turned down")
    func applyBy() async throws {
        try await withTestApp { t in
            let deadline = try #require(ISO8601DateFormatter().date(from: "2026-11-20T00:00:00Z"))
            let projectID = try await t.acmeProjectWithAda(deadline: deadline)
            let id = try await t.apply(to: projectID)
            let endOfDay = deadline.addingTimeInterval(day)
            #expect(try await reminders(t, at: endOfDay.addingTimeInterval(-1)) == 0)
            #expect(try await reminders(t, at: endOfDay) == 1)
            #expect(try await reminders(t, at: endOfDay.addingTimeInterval(900)) == 0)
            let told = try await Outbox.messages(to: "ada@uni.test", on: t.db).filter { $0.subject.hasSuffix("applications have closed") }
            #expect(told.count == 1 && told[0].body.contains("is choosing now"))
            #expect(try await subjects(t, to: "hiring_manager@acme.test").contains { $0.hasSuffix("applications have closed") })
            #expect(try await Applications.find(id.uuid, userID: try #require(told[0].recipientUserID), on: t.db)?.state == .submitted)
            let log = try await AuditEventRecord.query(on: t.db).filter(\.$action == .applicationsClosed).all()
            #expect(log.count == 1 && log[0].actorUserID == nil)
        }
    }

    @Test("in an engagement: check-ins a day and an hour ahead with the .ics, deliverables two days ahead and overdue, agreements unsigned after two days")
    func engagementReminders() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let engagementID = try engagement.requireID()
            let start = t.clock.now
            for (index, milestone) in try await Engagements.milestones(of: engagementID, on: t.db).enumerated() {
                milestone.dueAt = start.addingTimeInterval(index == 0 ? 4 * day : 60 * day)
                try await milestone.save(on: t.db)
            }
            let checkIn = CheckInRecord()
            checkIn.$engagement.id = engagementID
            checkIn.startsAt = start.addingTimeInterval(3 * day)
            checkIn.minutes = 30
            checkIn.agenda = "First week"
            checkIn.notes = ""
            checkIn.createdBy = engagement.$candidate.id
            checkIn.createdAt = start
            try await checkIn.create(on: t.db)

            // Two days in: the check-in is a day away, the first deliverable two, both agreements unsigned for two.
            #expect(try await reminders(t, at: start.addingTimeInterval(2 * day)) == 4)
            #expect(try await reminders(t, at: start.addingTimeInterval(2 * day + 900)) == 0)
            let ada = try await Outbox.messages(to: "ada@uni.test", on: t.db)
            let invite = try #require(ada.first { $0.subject.hasSuffix("check-in tomorrow") })
            #expect(invite.attachments?.contains("check-in.ics") == true && invite.category == "reminders")
            #expect(ada.contains { $0.subject.contains("is due in two days") })
            #expect(ada.contains { $0.subject.hasSuffix("an agreement waits for your signature") })
            #expect(try await subjects(t, to: "owner@acme.test").contains { $0.hasSuffix("check-in tomorrow") })
            #expect(try await reminders(t, at: start.addingTimeInterval(3 * day - 3600)) == 1)
            #expect(try await subjects(t, to: "ada@uni.test").contains { $0.hasSuffix("check-in in an hour") })
            #expect(try await reminders(t, at: start.addingTimeInterval(4 * day)) == 1)
            #expect(try await subjects(t, to: "owner@acme.test").contains { $0.hasSuffix("is overdue") })
            #expect(try await reminders(t, at: start.addingTimeInterval(4 * day + 900)) == 0)
        }
    }

    @Test("an unsubscribe link turns its kind off for its person only; a link Tryout did not sign is not found")
    func unsubscribe() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            _ = try await t.apply(to: projectID)
            let receipt = try #require(try await Outbox.messages(to: "ada@uni.test", on: t.db).first)
            let token = try #require(receipt.unsubscribeURL?.components(separatedBy: "/unsubscribe/").last)
            let request = try await NotificationPreferencesService.unsubscribeRequest(token: token, t.context())
            #expect(request.email == "ada@uni.test" && request.scope == .category(.applications))
            #expect(try await NotificationPreferencesService.settings(try await t.context(as: "ada@uni.test")).preferences[.applications] == .immediately)
            try await NotificationPreferencesService.unsubscribe(token: token, t.context())
            try await NotificationPreferencesService.unsubscribe(token: token, t.context())
            #expect(try await NotificationPreferencesService.settings(try await t.context(as: "ada@uni.test")).preferences[.applications] == .off)
            #expect(try await NotificationPreferencesService.settings(try await t.context(as: "owner@acme.test")).preferences[.applications] == .immediately)
            let forged = token.replacingOccurrences(of: ".", with: ".A")
            for bad in [forged, "nonsense", "", String(repeating: "a", count: 500)] {
                await #expect(throws: ActionError.notFound) { try await NotificationPreferencesService.unsubscribe(token: bad, t.context()) }
            }
        }
    }

    @Test("a bad kind, value or zone is a field error and saves nothing")
    func invalidUpdate() async throws {
        try await withTestApp { t in
            _ = try await t.acmeProjectWithAda()
            let ada = try await t.context(as: "ada@uni.test")
            await #expect(throws: ValidationFailure([FieldError("messages", "Messages: choose immediately, daily digest or off (immediately, daily_digest, off)."),
                                                     FieldError("timeZone", "Choose a time zone from the list, such as Europe/Berlin or UTC.")])) {
                _ = try await NotificationPreferencesService.update(["messages": "hourly", "reminders": "off"], timeZone: "Mars/Base", ada)
            }
            let settings = try await NotificationPreferencesService.settings(ada)
            #expect(settings.preferences == MailPreferences() && settings.timeZone == nil && settings.effectiveTimeZone == "Europe/London")
        }
    }
}
