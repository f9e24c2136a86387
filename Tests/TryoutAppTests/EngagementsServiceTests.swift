import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

extension TestLinks {
    func path(_ place: EngagementPlace) -> String {
        switch place {
        case .overview(let id): "/engagements/\(id)"
        case .agreement(let id, let agreement): "/engagements/\(id)/agreements/\(agreement)"
        case .milestone(let id, let milestone): "/engagements/\(id)/milestones/\(milestone)"
        case .checkIns(let id): "/engagements/\(id)/check-ins"
        case .messages(let id): "/engagements/\(id)/messages"
        case .review(let id): "/reviews/\(id)"
        case .dispute(let id): "/disputes/\(id)"
        case .evaluation(let id): "/engagements/\(id)/evaluation"
        }
    }
}

/// The moves inside an engagement, run as a job would run them: no request.
@Suite("Engagements service")
struct EngagementsServiceTests {
    private let candidate = "ada@uni.test", manager = "hiring_manager@acme.test"

    private func state(_ t: TestApp, _ id: EngagementID) async throws -> EngagementState? {
        try await EngagementRecord.find(id.uuid, on: t.db)?.state
    }

    @Test("outsiders find nothing; signing and ticking move the engagement on and tell the other side; the employer's signer joins the team")
    func signAndTick() async throws {
        try await withTestApp { t in
            let id = EngagementID(try await Factory(t).engagement().requireID())
            await #expect(throws: ActionError.notFound) { try await t.participant(id, as: "reviewer@acme.test") }

            let (ada, adaContext) = try await t.participant(id, as: candidate)
            let today = ISO8601DateFormatter.string(from: t.clock.now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: .withFullDate)
            let early = try TimeEntryInput(day: today, hours: "2", note: "", now: t.clock.now)
            await #expect(throws: ActionError.conflict(EngagementError.notStarted.description)) {
                try await ActivityService.log(early, milestoneID: "", in: ada, adaContext)
            }

            try await t.signAgreements(id)
            #expect(try await state(t, id) == .onboarding)
            try await t.tickChecklists(id)
            #expect(try await state(t, id) == .active)
            #expect(try await Engagements.team(of: id.uuid, on: t.db).map(\.user.email) == [manager])
            let heard = try await Notifications.recent(userID: ada.userID.uuid, on: t.db).map(\.message)
            // Each notice names the project first, then who did what.
            #expect(heard.contains("\(ada.engagement.project.title): \(manager) signed “Contractor agreement”."))
            #expect(heard.contains("“\(ada.engagement.project.title)” is now: working."))
        }
    }

    @Test("feedback is the manager's; a message mails the team with a link; notes wait for the check-in; ending refuses later moves")
    func feedbackMessagesNotesAndEnd() async throws {
        try await withTestApp { t in
            let id = EngagementID(try await Factory(t).engagement().requireID())
            try await t.startWork(id)
            let (ada, adaContext) = try await t.participant(id, as: candidate)
            let (hana, hanaContext) = try await t.participant(id, as: manager)

            let milestone = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).first)
            let version = try await Submissions.submit(try SubmissionInput(note: "", links: ["https://example.org/memo"], fileCount: 0),
                                                       files: [], to: milestone, at: t.clock.now, on: t.db)
            let accept = try FeedbackInput(decision: "accept", feedback: "Clear and complete.")
            await #expect(throws: ActionError.forbidden(EngagementError.notYours.description)) {
                try await WorkService.feedback(SubmissionID(try version.requireID()), accept, in: ada, adaContext)
            }
            try await WorkService.feedback(SubmissionID(try version.requireID()), accept, scorecard: .all(4), in: hana, hanaContext)
            #expect(try await Engagements.milestones(of: id.uuid, on: t.db).first?.state == .accepted)

            _ = try await ActivityService.post("See you on Monday.", email: true, in: ada, adaContext)
            let mail = try #require(try await Outbox.messages(to: manager, on: t.db).last)
            #expect(mail.body.contains("See you on Monday.") && mail.body.contains("https://tryout.test/engagements/\(id)/messages"))

            let startsAt = t.clock.now.addingTimeInterval(3600)
            let booked = try await ActivityService.book(try CheckInInput(startsAt: ISO8601DateFormatter().string(from: startsAt), minutes: 30,
                                                                         agenda: "Scope", now: t.clock.now), in: ada, adaContext)
            let notes = try CheckInNotes(notes: "Agreed the scope.", candidateAttended: true)
            await #expect(throws: ActionError.conflict(EngagementError.checkInAhead.description)) {
                try await ActivityService.recordNotes(notes, on: CheckInID(try booked.requireID()), in: hana, hanaContext)
            }
            t.clock.advance(by: 7200)
            try await ActivityService.recordNotes(notes, on: CheckInID(try booked.requireID()), in: hana, t.context().with(hanaContext.principal))
            #expect(try await ActivityService.checkIn(CheckInID(try booked.requireID()), in: hana, hanaContext).notes == "Agreed the scope.")

            try await EngagementsService.terminate(try TerminationInput(reason: "The project was cancelled."), in: ada, adaContext)
            #expect(try await state(t, id) == .terminated)
            let item = try #require(try await Engagements.checklist(of: id.uuid, on: t.db).first)
            await #expect(throws: ActionError.self) {
                try await EngagementsService.tick(ChecklistItemID(try item.requireID()), in: hana, hanaContext)
            }
        }
    }
}

private extension ActionContext {
    /// The same context acting for `principal`, at its own time.
    func with(_ principal: Principal?) -> ActionContext {
        var copy = self
        copy.principal = principal
        return copy
    }
}
