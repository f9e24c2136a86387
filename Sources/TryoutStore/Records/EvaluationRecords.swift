import FluentKit
import Foundation
import TryoutCore

/// The manager's final evaluation of one engagement; changed in place, the latest kept.
public final class FinalEvaluationRecord: Model, @unchecked Sendable {
    public static let schema = "final_evaluations"
    public var properties: [any AnyProperty] {
        [
            $id, $engagement, $organization, $computedScore, $overallScore, $reason, $recommendation, $satisfaction,
            $summary, $signalsJSON, $recordedBy, $createdAt, $updatedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    /// What the accepted versions' scorecards gave, when recorded.
    @OptionalField(key: "computed_score") public var computedScore: Int?
    @Field(key: "overall_score") public var overallScore: Int
    @Field(key: "reason") public var reason: String
    @Enum(key: "recommendation") public var recommendation: HireRecommendation
    @Field(key: "satisfaction") public var satisfaction: Int
    @Field(key: "summary") public var summary: String
    /// The objective signals when recorded, as JSON.
    @Field(key: "signals") public var signalsJSON: String
    @OptionalParent(key: "recorded_by") public var recordedBy: UserRecord?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var signals: ObjectiveSignals? { try? JSONDecoder().decode(ObjectiveSignals.self, from: Data(signalsJSON.utf8)) }
}

/// A candidate's exit survey of one engagement, written once.
public final class ExitSurveyRecord: Model, @unchecked Sendable {
    public static let schema = "exit_surveys"
    public var properties: [any AnyProperty] { [$id, $engagement, $organization, $project, $ratingsJSON, $comment, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Parent(key: "project_id") public var project: ProjectRecord
    /// The ratings in the order of `ExitSurveyInput.questions`, as a JSON array.
    @Field(key: "ratings") public var ratingsJSON: String
    @Field(key: "comment") public var comment: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var ratings: [Int] { (try? JSONDecoder().decode([Int].self, from: Data(ratingsJSON.utf8))) ?? [] }
}
