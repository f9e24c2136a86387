import FluentKit
import Foundation
import TryoutCore

/// A member chosen to review a project's versions, in the order panels are drawn from.
public final class ProjectReviewerRecord: Model, @unchecked Sendable {
    public static let schema = "project_reviewers"
    public var properties: [any AnyProperty] { [$id, $project, $user, $position, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "position") public var position: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(projectID: UUID, userID: UUID, position: Int, at now: Date) {
        $project.id = projectID
        $user.id = userID
        self.position = position
        createdAt = now
    }
}

/// One reviewer asked to score one version; the scorecard, once in, says how long they took.
public final class ReviewAssignmentRecord: Model, @unchecked Sendable {
    public static let schema = "review_assignments"
    public var properties: [any AnyProperty] { [$id, $submission, $engagement, $project, $reviewer, $assignedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "submission_id") public var submission: SubmissionRecord
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "reviewer_id") public var reviewer: UserRecord
    @Field(key: "assigned_at") public var assignedAt: Date

    public init() {}

    public init(submissionID: UUID, engagementID: UUID, projectID: UUID, reviewerID: UUID, at now: Date) {
        $submission.id = submissionID
        $engagement.id = engagementID
        $project.id = projectID
        $reviewer.id = reviewerID
        assignedAt = now
    }
}

/// One reviewer's scores for one version, written once.
public final class ScorecardRecord: Model, @unchecked Sendable {
    public static let schema = "scorecards"
    public var properties: [any AnyProperty] {
        [
            $id, $submission, $engagement, $project, $organization, $reviewer, $levelsJSON, $commentsJSON, $note,
            $weightedScore, $assignedAt, $submittedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "submission_id") public var submission: SubmissionRecord
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Parent(key: "reviewer_id") public var reviewer: UserRecord
    /// The levels, one per criterion, as a JSON array.
    @Field(key: "levels") public var levelsJSON: String
    /// The comments, one per criterion, as a JSON array.
    @Field(key: "comments") public var commentsJSON: String
    @Field(key: "note") public var note: String
    @Field(key: "weighted_score") public var weightedScore: Int
    /// When the reviewer was asked; nil for a manager who scored without being asked.
    @OptionalField(key: "assigned_at") public var assignedAt: Date?
    @Field(key: "submitted_at") public var submittedAt: Date

    public init() {}

    public var scorecard: Scorecard {
        Scorecard(levels: (try? JSONDecoder().decode([Int].self, from: Data(levelsJSON.utf8))) ?? [],
                  comments: (try? JSONDecoder().decode([String].self, from: Data(commentsJSON.utf8))) ?? [], note: note)
    }

    /// How long the reviewer took from being asked.
    public var turnaround: TimeInterval? { assignedAt.map { submittedAt.timeIntervalSince($0) } }
}
