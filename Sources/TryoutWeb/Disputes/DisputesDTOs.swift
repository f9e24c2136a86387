import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

extension DTO {
    /// A dispute: the statement with its evidence, the answer, and the decision.
    struct Dispute: Content {
        struct Evidence: Content {
            var kind: DisputeEvidence.Kind
            var id: UUID
            /// What it points at, read now; absent in lists.
            var title: String?
            var text: String?
        }

        var id: UUID
        var engagementID: UUID
        var organizationID: UUID
        var subject: DisputeSubject
        var submissionID: UUID?
        var openedSide: EngagementSide
        var openedByName: String
        var statement: String
        var evidence: [Evidence]
        var state: DisputeState
        var openedAt: Date
        var answerDueAt: Date
        var answer: String?
        var answeredAt: Date?
        var outcome: DisputeOutcome?
        var decisionNote: String?
        var sharePercent: Int?
        var reviewerID: UUID?
        var decidedAt: Date?
        var withdrawnAt: Date?

        /// `record` loaded with its people (`Disputes.find`); `items` the evidence as read now.
        init(_ record: DisputeRecord, items: [DisputeEvidenceItem]? = nil) {
            id = record.id!
            engagementID = record.$engagement.id
            organizationID = record.$organization.id
            subject = record.subject
            submissionID = record.$submission.id
            openedSide = record.openedSide
            openedByName = record.openedBy.displayName
            statement = record.statement
            evidence = record.evidence.map { link in
                let item = items?.first { $0.evidence == link }
                return Evidence(kind: link.kind, id: link.id, title: item?.title, text: item?.text)
            }
            state = record.state
            openedAt = record.createdAt
            answerDueAt = DisputeRules.answerDue(openedAt: record.createdAt)
            answer = record.answer
            answeredAt = record.answeredAt
            outcome = record.outcome
            decisionNote = record.decisionNote
            sharePercent = record.sharePercent
            reviewerID = record.$reviewer.id
            decidedAt = record.decidedAt
            withdrawnAt = record.withdrawnAt
        }
    }

    struct DisputeBody: Decodable {
        struct Evidence: Decodable {
            var kind: DisputeEvidence.Kind
            var id: UUID
        }

        var subject: String
        var submissionID: UUID?
        var statement: String
        var evidence: [Evidence]?

        func input() throws(ValidationFailure) -> DisputeInput {
            try DisputeInput(subject: subject, submissionID: submissionID, statement: statement,
                             evidence: (evidence ?? []).map { DisputeEvidence(kind: $0.kind, id: $0.id) })
        }
    }

    struct DisputeAnswerBody: Decodable {
        var answer: String
    }

    struct DisputeDecisionBody: Decodable {
        var outcome: String
        var note: String
        var sharePercent: Int?
        var reviewerID: UUID?

        func input() throws(ValidationFailure) -> DisputeDecisionInput {
            try DisputeDecisionInput(outcome: outcome, note: note, sharePercent: sharePercent, reviewerID: reviewerID)
        }
    }

    /// The open disputes, oldest first, and how fast disputes were decided over the last year.
    struct DisputeDesk: Content {
        var open: [Dispute]
        var decidedLastYear: Int
        var medianSecondsToDecision: Int?
    }
}
