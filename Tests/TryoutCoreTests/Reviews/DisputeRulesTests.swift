import Foundation
import Testing
import TryoutCore

@Suite("Disputes and deadlines")
struct DisputeRulesTests {
    /// Wednesday 18 November 2026, 10:00 UTC.
    let wednesday = ISO8601DateFormatter().date(from: "2026-11-18T10:00:00Z")!

    @Test("working days skip the weekend and keep the time of day")
    func workingDays() {
        let f = ISO8601DateFormatter()
        #expect(f.string(from: WorkingDays.adding(2, to: wednesday)) == "2026-11-20T10:00:00Z")
        #expect(f.string(from: WorkingDays.adding(5, to: wednesday)) == "2026-11-25T10:00:00Z")
        let saturday = f.date(from: "2026-11-21T09:00:00Z")!
        #expect(f.string(from: WorkingDays.adding(1, to: saturday)) == "2026-11-24T09:00:00Z")
        #expect(WorkingDays.adding(0, to: wednesday) == wednesday)
    }

    @Test("what may be disputed, once at a time")
    func opening() throws {
        let version = UUID()
        try DisputeRules.checkOpen(.versionDecision, engagement: .active, versionState: .changesRequested, versionID: version, open: [])
        #expect(throws: DisputeError.notDisputable(.versionDecision)) {
            try DisputeRules.checkOpen(.versionDecision, engagement: .active, versionState: .accepted, versionID: version, open: [])
        }
        #expect(throws: DisputeError.alreadyOpen) {
            try DisputeRules.checkOpen(.versionDecision, engagement: .active, versionState: .changesRequested, versionID: version,
                                       open: [(.versionDecision, version)])
        }
        // Another version's dispute does not block this one.
        try DisputeRules.checkOpen(.versionDecision, engagement: .active, versionState: .changesRequested, versionID: version,
                                   open: [(.versionDecision, UUID())])
        try DisputeRules.checkOpen(.earlyEnding, engagement: .terminated, versionState: nil, versionID: nil, open: [])
        #expect(throws: DisputeError.notDisputable(.earlyEnding)) {
            try DisputeRules.checkOpen(.earlyEnding, engagement: .active, versionState: nil, versionID: nil, open: [])
        }
        #expect(throws: DisputeError.notDisputable(.amountOwed)) {
            try DisputeRules.checkOpen(.amountOwed, engagement: .contracting, versionState: nil, versionID: nil, open: [])
        }
    }

    @Test("the other side answers once; the opener withdraws; an admin decides after the answer or the deadline")
    func turns() throws {
        try DisputeRules.checkAnswer(.awaitingResponse, openedBy: .candidate, answeringSide: .employer)
        #expect(throws: DisputeError.notYourTurn) { try DisputeRules.checkAnswer(.awaitingResponse, openedBy: .candidate, answeringSide: .candidate) }
        #expect(throws: DisputeError.notYourTurn) { try DisputeRules.checkAnswer(.awaitingDecision, openedBy: .candidate, answeringSide: .employer) }
        #expect(throws: DisputeError.closed) { try DisputeRules.checkAnswer(.decided, openedBy: .candidate, answeringSide: .employer) }

        try DisputeRules.checkWithdrawal(.awaitingDecision, openedBy: .employer, side: .employer)
        #expect(throws: DisputeError.notYourTurn) { try DisputeRules.checkWithdrawal(.awaitingResponse, openedBy: .employer, side: .candidate) }
        #expect(throws: DisputeError.closed) { try DisputeRules.checkWithdrawal(.withdrawn, openedBy: .employer, side: .employer) }

        let due = DisputeRules.answerDue(openedAt: wednesday)
        try DisputeRules.checkDecision(.overturned, subject: .versionDecision, state: .awaitingDecision, openedAt: wednesday, now: wednesday)
        #expect(throws: DisputeError.notYourTurn) {
            try DisputeRules.checkDecision(.upheld, subject: .amountOwed, state: .awaitingResponse, openedAt: wednesday, now: due.addingTimeInterval(-1))
        }
        try DisputeRules.checkDecision(.upheld, subject: .amountOwed, state: .awaitingResponse, openedAt: wednesday, now: due)
        #expect(throws: DisputeError.outcomeDoesNotFit(.reReview, .earlyEnding)) {
            try DisputeRules.checkDecision(.reReview, subject: .earlyEnding, state: .awaitingDecision, openedAt: wednesday, now: wednesday)
        }
        #expect(throws: DisputeError.closed) {
            try DisputeRules.checkDecision(.upheld, subject: .amountOwed, state: .decided, openedAt: wednesday, now: due)
        }
    }

    @Test("auto-approval: due the set number of days after the version came in")
    func autoApproval() {
        let due = AutoApproval.deadline(submittedAt: wednesday, days: 14)
        #expect(due == wednesday.addingTimeInterval(14 * 86_400))
        #expect(!AutoApproval.isDue(submittedAt: wednesday, days: 14, now: due.addingTimeInterval(-1)))
        #expect(AutoApproval.isDue(submittedAt: wednesday, days: 14, now: due))
        #expect(AutoApproval.note(days: 14).contains("14 days"))
    }
}
