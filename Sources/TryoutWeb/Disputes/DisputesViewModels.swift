import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// A dispute as a list row: what about, who opened it, where it stands, and how old it is.
struct DisputeRow: Sendable {
    var id: DisputeID
    var subject: DisputeSubject
    var openedSide: EngagementSide
    var state: DisputeState
    var outcome: DisputeOutcome?
    var openedAt: Date
    var projectTitle: String
    var candidateName: String
    var organizationName: String

    init(_ dispute: DisputeRecord) {
        id = DisputeID(dispute.id!)
        subject = dispute.subject
        openedSide = dispute.openedSide
        state = dispute.state
        outcome = dispute.outcome
        openedAt = dispute.createdAt
        projectTitle = dispute.engagement.project.title
        candidateName = dispute.engagement.candidate.displayName
        organizationName = dispute.engagement.organization.name
    }

    /// Where it stands, with the decision once there is one.
    var standing: String { outcome.map { "\(state.label): \($0.label)" } ?? state.label }
}

/// One dispute as its page shows it to a reader.
struct DisputeDetail: Sendable {
    var row: DisputeRow
    var engagementID: EngagementID
    var versionLabel: String?
    var statement: String
    var openedBy: String
    var answerDue: Date
    var answer: String?
    var answeredBy: String?
    var answeredAt: Date?
    var decisionNote: String?
    var sharePercent: Int?
    var reviewerName: String?
    var decidedAt: Date?
    var evidence: [DisputeEvidenceItem]
    var readerSide: EngagementSide?
    var mayAnswer: Bool
    var mayWithdraw: Bool
    var mayDecide: Bool
    /// Members who could review the version afresh: the choices of a re-review.
    var reviewers: [(id: UserID, name: String)]

    init(_ view: DisputeView) {
        let dispute = view.dispute
        row = DisputeRow(dispute)
        engagementID = EngagementID(dispute.$engagement.id)
        versionLabel = dispute.submission.map { "version \($0.version)" }
        statement = dispute.statement
        openedBy = dispute.openedBy.displayName
        answerDue = view.answerDue
        answer = dispute.answer
        answeredBy = dispute.answeredBy?.displayName
        answeredAt = dispute.answeredAt
        decisionNote = dispute.decisionNote
        sharePercent = dispute.sharePercent
        reviewerName = dispute.reviewer?.displayName
        decidedAt = dispute.decidedAt
        evidence = view.evidence
        readerSide = view.side
        mayAnswer = view.mayAnswer
        mayWithdraw = view.mayWithdraw
        mayDecide = view.mayDecide && dispute.state.isOpen
        reviewers = view.uninvolvedMembers.map { (UserID($0.id!), $0.displayName) }
    }

    /// Outcomes that fit the dispute's subject, for the decision form.
    var outcomes: [DisputeOutcome] { DisputeOutcome.allCases.filter { $0.fits(row.subject) && ($0 != .reReview || !reviewers.isEmpty) } }
}

/// What a new dispute form holds, as sent.
struct DisputeForm: Sendable {
    var subject = ""
    var submissionID = ""
    var statement = ""
    var evidence: [String] = []

    /// `version.UUID`, `message.UUID` or `check_in.UUID`, as the evidence checkboxes send them.
    static func value(_ evidence: DisputeEvidence) -> String { "\(evidence.kind.rawValue).\(evidence.id.uuidString)" }

    var parsedEvidence: [DisputeEvidence] {
        evidence.compactMap { value in
            let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = DisputeEvidence.Kind(rawValue: parts[0]), let id = UUID(uuidString: parts[1]) else { return nil }
            return DisputeEvidence(kind: kind, id: id)
        }
    }
}
