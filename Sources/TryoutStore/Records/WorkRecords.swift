import FluentKit
import Foundation
import TryoutCore

/// One deliverable of one engagement, with its due date and where it stands.
public final class MilestoneRecord: Model, @unchecked Sendable {
    public static let schema = "milestones"
    public var properties: [any AnyProperty] {
        [
            $id, $engagement, $position, $title, $description, $weight, $dueAt, $state, $acceptedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "weight") public var weight: Int
    @Field(key: "due_at") public var dueAt: Date
    @Enum(key: "state") public var state: MilestoneState
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?

    public init() {}

    public init(engagementID: UUID, position: Int, deliverable: Deliverable, start: Date) {
        $engagement.id = engagementID
        self.position = position
        title = deliverable.title
        description = deliverable.description
        weight = deliverable.weight
        dueAt = DueDates.due(start: start, offsetDays: deliverable.dueOffsetDays)
        state = .open
    }
}

/// One version of a deliverable, and the employer's answer to it.
public final class SubmissionRecord: Model, @unchecked Sendable {
    public static let schema = "submissions"
    public var properties: [any AnyProperty] {
        [
            $id, $milestone, $engagement, $version, $note, $linkLines, $late, $state, $createdAt, $feedback, $respondedAt,
            $respondedBy, $autoAccepted, $reopenedAt, $files
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "milestone_id") public var milestone: MilestoneRecord
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Field(key: "version") public var version: Int
    @Field(key: "note") public var note: String
    /// Links to the work, one a line.
    @Field(key: "links") public var linkLines: String
    @Field(key: "late") public var late: Bool
    @Enum(key: "state") public var state: MilestoneState
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "feedback") public var feedback: String
    @OptionalField(key: "responded_at") public var respondedAt: Date?
    @OptionalField(key: "responded_by") public var respondedBy: UUID?
    /// Accepted because nobody decided in time (`AutoApproval`), not by a person.
    @Field(key: "auto_accepted") public var autoAccepted: Bool
    /// When a dispute sent the version back to be decided again (`DisputeOutcome.reReview`).
    @OptionalField(key: "reopened_at") public var reopenedAt: Date?
    @Children(for: \.$submission) public var files: [SubmissionFileRecord]

    public init() {}

    public var links: [String] { linkLines.split(separator: "\n").map(String.init) }

    /// Where the days before it is accepted automatically count from: handed in, or reopened.
    public var waitingSince: Date { reopenedAt ?? createdAt }

    /// How long the employer took to answer, once they have.
    public var turnaround: TimeInterval? { respondedAt.map { $0.timeIntervalSince(createdAt) } }
}

/// A file of a submission. The bytes live in the data directory under their SHA-256.
public final class SubmissionFileRecord: Model, @unchecked Sendable {
    public static let schema = "submission_files"
    public var properties: [any AnyProperty] { [$id, $submission, $engagement, $name, $kind, $size, $sha256, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "submission_id") public var submission: SubmissionRecord
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Field(key: "name") public var name: String
    @Enum(key: "kind") public var kind: UploadKind
    @Field(key: "size") public var size: Int64
    @Field(key: "sha256") public var sha256: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
