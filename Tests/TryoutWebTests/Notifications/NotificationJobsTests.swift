import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// The recurring jobs as the workers run them: the catalog's schedules fire, the queue runs them.
@Suite("Notification jobs")
struct NotificationJobsTests {
    @Test("the digest schedule sends a waiting digest at 08:00 once, however often it fires")
    func digestSchedule() async throws {
        try await withTestApp { t in
            let ada = try await Factory(t).user("ada@uni.test")
            var chosen = MailPreferences()
            chosen[.messages] = .dailyDigest
            try await NotificationPreferences.save(chosen, of: try ada.requireID(), at: t.clock.now, on: t.db)
            try await Digests.keep(userID: try ada.requireID(), category: .messages, subject: "Acme: a message", body: "Hello.",
                                   at: t.clock.now, on: t.db)
            let digests = try #require(JobCatalog.schedules().first { $0.name == "notifications.digests" })
            let eight = try #require(ISO8601DateFormatter().date(from: "2026-11-19T08:00:00Z"))
            for _ in 0..<2 {
                _ = try await t.runJobs(at: eight.addingTimeInterval(-60))
                try await digests.fire(t.app.jobContext())
                _ = try await t.runJobs()
            }
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).isEmpty)
            for minutes in [0.0, 15, 30] {
                _ = try await t.runJobs(at: eight.addingTimeInterval(minutes * 60))
                try await digests.fire(t.app.jobContext())
                _ = try await t.runJobs()
            }
            let sent = try await Outbox.messages(to: "ada@uni.test", on: t.db)
            #expect(sent.map(\.subject) == ["Your Tryout digest: 1 update"] && sent[0].unsubscribeURL != nil)
        }
    }

    @Test("the reminder schedule closes applications at the end of the apply-by day and tells the applicant once")
    func reminderSchedule() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme", roles: [.owner])
            let deadline = try #require(ISO8601DateFormatter().date(from: "2026-11-20T00:00:00Z"))
            let project = try await Factory(t).publishedProject(of: org, deadline: deadline)
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            _ = try await Applications.submit(to: project, userID: try ada.requireID(), ApplicationInput(answers: ["Cohorts first."]),
                                              at: t.clock.now, on: t.db)
            let reminders = try #require(JobCatalog.schedules().first { $0.name == "notifications.reminders" })
            for minutes in [-5.0, 0, 5, 10] {
                _ = try await t.runJobs(at: deadline.addingTimeInterval(86_400 + minutes * 60))
                try await reminders.fire(t.app.jobContext())
                _ = try await t.runJobs()
                let told = try await Outbox.messages(to: "ada@uni.test", on: t.db).filter { $0.subject.hasSuffix("applications have closed") }
                #expect(told.count == (minutes < 0 ? 0 : 1), "\(minutes) minutes after the apply-by day")
            }
            let owner = try await Outbox.messages(to: "owner@acme.test", on: t.db).map(\.subject)
            #expect(owner.count == 1 && owner.allSatisfy { $0.hasSuffix("applications have closed") })
        }
    }
}
