import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Disputes run as pages, the API and jobs run them: no request.
@Suite("Disputes service")
struct DisputesServiceTests {
    private let manager = "hiring_manager@acme.test", platformAdmin = "staff@tryout.test"

    /// An engagement at work whose first deliverable's version 1 was sent back for changes, and a platform admin.
    private func sentBack(_ t: TestApp) async throws -> (EngagementID, SubmissionID) {
        let record = try await Factory(t).engagement()
        let id = EngagementID(try record.requireID())
        try await Factory(t).user(platformAdmin, admin: true)
        try await t.startWork(id)
        let milestone = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).first)
        let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
        let version = try await WorkService.submit(MilestoneID(try milestone.requireID()),
                                                   VersionUpload(note: "The memo.", links: ["https://example.org/memo"], files: []),
                                                   storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, adaContext)
        let versionID = SubmissionID(try version.requireID())
        let (hana, hanaContext) = try await t.participant(id, as: manager)
        try await WorkService.feedback(versionID, try FeedbackInput(decision: "request_changes", feedback: "Redo it."), scorecard: .all(1),
                                       in: hana, hanaContext)
        return (id, versionID)
    }

    private func open(_ t: TestApp, _ id: EngagementID, _ version: SubmissionID, evidence: [DisputeEvidence] = []) async throws -> DisputeID {
        let (ada, context) = try await t.participant(id, as: "ada@uni.test")
        let input = try DisputeInput(subject: "version_decision", submissionID: version.uuid, statement: "It meets every criterion.",
                                     evidence: evidence.isEmpty ? [DisputeEvidence(kind: .version, id: version.uuid)] : evidence)
        return DisputeID(try await DisputesService.open(input, in: ada, context).requireID())
    }

    private func decide(_ t: TestApp, _ id: DisputeID, _ outcome: String, share: Int? = nil, reviewer: String? = nil) async throws {
        var reviewerID: UUID?
        if let reviewer { reviewerID = try #require(try await Accounts.user(email: EmailAddress(reviewer)!, on: t.db)).id }
        try await DisputesService.decide(id, try DisputeDecisionInput(outcome: outcome, note: "Read both sides.", sharePercent: share, reviewerID: reviewerID),
                                         try await t.context(as: platformAdmin))
    }

    @Test("the candidate opens a dispute on a version sent back; the employer hears and answers once; a second dispute on it is refused")
    func openAndAnswer() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let dispute = try await open(t, id, version)
            #expect(try await Notifications.recent(userID: try #require(try await Accounts.user(email: EmailAddress(manager)!, on: t.db)).requireID(), on: t.db)
                .contains { $0.message.contains("opened a dispute about a decision on a version") })
            #expect(try await Outbox.messages(to: manager, on: t.db).contains { $0.subject.contains("opened a dispute") })
            await #expect(throws: ActionError.conflict(DisputeError.alreadyOpen.description)) { _ = try await open(t, id, version) }

            // The candidate cannot answer their own dispute; the employer does, once.
            await #expect(throws: ActionError.conflict(DisputeError.notYourTurn.description)) {
                try await DisputesService.answer(dispute, "Mine.", try await t.context(as: "ada@uni.test"))
            }
            try await DisputesService.answer(dispute, "The memo skips the cohort table.", try await t.context(as: manager))
            let view = try await DisputesService.view(dispute, try await t.context(as: "ada@uni.test"))
            #expect(view.dispute.state == .awaitingDecision && view.side == .candidate && !view.mayAnswer && view.mayWithdraw)
            #expect(view.evidence.map(\.title).first?.hasPrefix("Version 1 of") == true)
            await #expect(throws: ActionError.conflict(DisputeError.notYourTurn.description)) {
                try await DisputesService.answer(dispute, "Again.", try await t.context(as: manager))
            }
            let actions = try await AuditLog.recent(limit: 20, on: t.db).map(\.action)
            #expect(actions.contains(.disputeOpened) && actions.contains(.disputeAnswered))
        }
    }

    @Test("what may be disputed: not an accepted version, not an ending that did not happen; evidence from another engagement is refused")
    func refusals() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let (ada, context) = try await t.participant(id, as: "ada@uni.test")
            let ending = try DisputeInput(subject: "early_ending", submissionID: nil, statement: "Unfair.", evidence: [])
            await #expect(throws: ActionError.conflict(DisputeError.notDisputable(.earlyEnding).description)) {
                _ = try await DisputesService.open(ending, in: ada, context)
            }
            let foreign = DisputeEvidence(kind: .message, id: UUID())
            await #expect(throws: ValidationFailure.self) { _ = try await open(t, id, version, evidence: [foreign]) }
            #expect(throws: ValidationFailure.self) { _ = try DisputeInput(subject: "version_decision", submissionID: nil, statement: " ", evidence: []) }
            #expect(try await Disputes.of(engagementID: id.uuid, on: t.db).isEmpty)
        }
    }

    @Test("another organization's owner and a candidate outside the engagement find no dispute; only platform admins decide")
    func authorization() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let dispute = try await open(t, id, version)
            try await Factory(t).organization("Globex")
            try await Factory(t).candidate("bo@uni.test", name: "Bo")
            for outsider in ["owner@globex.test", "bo@uni.test"] {
                await #expect(throws: ActionError.notFound) { _ = try await DisputesService.view(dispute, try await t.context(as: outsider)) }
                await #expect(throws: ActionError.notFound) { try await DisputesService.answer(dispute, "No.", try await t.context(as: outsider)) }
            }
            let upheld = try DisputeDecisionInput(outcome: "upheld", note: "Stands.", sharePercent: nil, reviewerID: nil)
            await #expect(throws: ActionError.notFound) { try await DisputesService.decide(dispute, upheld, try await t.context(as: manager)) }
            await #expect(throws: ActionError.notFound) { _ = try await DisputesService.desk(try await t.context(as: "owner@acme.test")) }
            // A platform admin outside the engagement reads it, with the evidence, and may decide.
            let view = try await DisputesService.view(dispute, try await t.context(as: platformAdmin))
            #expect(view.side == nil && view.mayDecide && !view.evidence.isEmpty)
        }
    }

    @Test("before the answer or its due date a decision waits; after five working days without an answer the admin decides")
    func decisionWaits() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let dispute = try await open(t, id, version)
            await #expect(throws: ActionError.conflict(DisputeError.notYourTurn.description)) { try await decide(t, dispute, "upheld") }
            // Five working days are at most nine calendar days (opened on a Saturday).
            t.clock.advance(by: 10 * 86_400)
            try await decide(t, dispute, "partial", share: 40)
            let decided = try #require(try await Disputes.find(dispute.uuid, on: t.db))
            #expect(decided.state == .decided && decided.outcome == .partial && decided.sharePercent == 40)
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).contains { $0.subject.hasSuffix("a dispute was decided") })
            let desk = try await DisputesService.desk(try await t.context(as: platformAdmin))
            #expect(desk.open.isEmpty && desk.decidedLastYear == 1 && desk.medianTimeToDecision == 10 * 86_400)
            await #expect(throws: ActionError.conflict(DisputeError.closed.description)) { try await decide(t, dispute, "upheld") }
        }
    }

    @Test("overturned: the version is accepted with everything accepting brings")
    func overturn() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let dispute = try await open(t, id, version)
            try await DisputesService.answer(dispute, "It misses the table.", try await t.context(as: manager))
            await #expect(throws: ActionError.conflict(DisputeError.outcomeDoesNotFit(.overturned, .amountOwed).description)) {
                let (ada, context) = try await t.participant(id, as: "ada@uni.test")
                let owed = try await DisputesService.open(try DisputeInput(subject: "amount_owed", submissionID: nil, statement: "Pay.", evidence: []), in: ada, context)
                t.clock.advance(by: 10 * 86_400)
                try await decide(t, DisputeID(try owed.requireID()), "overturned")
            }
            try await decide(t, dispute, "overturned")
            let accepted = try #require(try await SubmissionRecord.find(version.uuid, on: t.db))
            let admin = try await Accounts.user(email: EmailAddress(platformAdmin)!, on: t.db)
            #expect(accepted.state == .accepted && accepted.respondedBy == admin?.id)
            let milestone = try #require(try await MilestoneRecord.find(accepted.$milestone.id, on: t.db))
            #expect(milestone.state == .accepted)
        }
    }

    @Test("re-review: the version waits for a decision again, scored blind by a member who has not seen it; the involved are refused")
    func reReview() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let dispute = try await open(t, id, version)
            try await DisputesService.answer(dispute, "It misses the table.", try await t.context(as: manager))
            let view = try await DisputesService.view(dispute, try await t.context(as: platformAdmin))
            #expect(view.uninvolvedMembers.map(\.email).sorted() == ["admin@acme.test", "owner@acme.test", "reviewer@acme.test"])
            await #expect(throws: ValidationFailure.self) { try await decide(t, dispute, "re_review", reviewer: manager) }

            // Decided ten days after the version came in: the days before it is accepted
            // automatically count from the reopening, not from then.
            t.clock.advance(by: 10 * 86_400)
            try await decide(t, dispute, "re_review", reviewer: "owner@acme.test")
            let reopened = try #require(try await SubmissionRecord.find(version.uuid, on: t.db))
            #expect(reopened.state == .submitted && reopened.reopenedAt == t.clock.now)
            let seat = try await ReviewSeat.load(version, try await t.context(as: "owner@acme.test"))
            #expect(seat.isOnPanel && seat.canScore && !seat.showsPerson && seat.visibleCards.isEmpty)
            t.clock.advance(by: 13 * 86_400)
            try await RemindersService.sendDue(t.context())
            #expect(try #require(try await SubmissionRecord.find(version.uuid, on: t.db)).state == .submitted)
            t.clock.advance(by: 2 * 86_400)
            try await RemindersService.sendDue(t.context())
            #expect(try #require(try await SubmissionRecord.find(version.uuid, on: t.db)).state == .accepted)
        }
    }

    @Test("the side that opened it withdraws it; the answering side hears after two working days, once")
    func withdrawAndReminder() async throws {
        try await withTestApp { t in
            let (id, version) = try await sentBack(t)
            let dispute = try await open(t, id, version)
            await #expect(throws: ActionError.conflict(DisputeError.notYourTurn.description)) {
                try await DisputesService.withdraw(dispute, try await t.context(as: manager))
            }
            // Two working days are at most four calendar days.
            t.clock.advance(by: 4 * 86_400)
            try await RemindersService.sendDue(t.context())
            try await RemindersService.sendDue(t.context())
            let reminders = try await Outbox.messages(to: manager, on: t.db).filter { $0.subject.hasSuffix("a dispute waits for your answer") }
            #expect(reminders.count == 1)
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).allSatisfy { !$0.subject.hasSuffix("a dispute waits for your answer") })

            try await DisputesService.withdraw(dispute, try await t.context(as: "ada@uni.test"))
            #expect(try #require(try await Disputes.find(dispute.uuid, on: t.db)).state == .withdrawn)
            await #expect(throws: ActionError.conflict(DisputeError.closed.description)) {
                try await DisputesService.answer(dispute, "Late.", try await t.context(as: manager))
            }
        }
    }
}
