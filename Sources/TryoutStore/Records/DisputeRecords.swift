import FluentKit
import Foundation
import TryoutCore

/// A dispute in an engagement: who opened it and why, the other side's answer, and a platform
/// admin's decision. Its evidence points at the engagement's record; nothing is copied.
public final class DisputeRecord: Model, @unchecked Sendable {
    public static let schema = "disputes"
    public var properties: [any AnyProperty] {
        [
            $id, $engagement, $organization, $subject, $submission, $openedBy, $openedSide, $statement, $evidenceJSON,
            $state, $answer, $answeredBy, $answeredAt, $outcome, $decisionNote, $sharePercent, $reviewer, $decidedBy,
            $decidedAt, $withdrawnAt, $createdAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Enum(key: "subject") public var subject: DisputeSubject
    /// The version a decision dispute is about.
    @OptionalParent(key: "submission_id") public var submission: SubmissionRecord?
    @Parent(key: "opened_by") public var openedBy: UserRecord
    @Enum(key: "opened_side") public var openedSide: EngagementSide
    @Field(key: "statement") public var statement: String
    /// The evidence as a JSON array of `DisputeEvidence`.
    @Field(key: "evidence") public var evidenceJSON: String
    @Enum(key: "state") public var state: DisputeState
    @OptionalField(key: "answer") public var answer: String?
    @OptionalParent(key: "answered_by") public var answeredBy: UserRecord?
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @OptionalEnum(key: "outcome") public var outcome: DisputeOutcome?
    @OptionalField(key: "decision_note") public var decisionNote: String?
    @OptionalField(key: "share_percent") public var sharePercent: Int?
    /// Who reviews the version again, for a re-review.
    @OptionalParent(key: "reviewer_id") public var reviewer: UserRecord?
    @OptionalParent(key: "decided_by") public var decidedBy: UserRecord?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(engagementID: UUID, organizationID: UUID, input: DisputeInput, by userID: UUID, side: EngagementSide, at now: Date) {
        $engagement.id = engagementID
        $organization.id = organizationID
        subject = input.subject
        $submission.id = input.submissionID
        $openedBy.id = userID
        openedSide = side
        statement = input.statement
        evidenceJSON = String(decoding: (try? JSONEncoder().encode(input.evidence)) ?? Data("[]".utf8), as: UTF8.self)
        state = .awaitingResponse
        createdAt = now
    }

    public var evidence: [DisputeEvidence] {
        (try? JSONDecoder().decode([DisputeEvidence].self, from: Data(evidenceJSON.utf8))) ?? []
    }

    /// The side that answers: the one that did not open it.
    public var answeringSide: EngagementSide { openedSide == .candidate ? .employer : .candidate }
}
