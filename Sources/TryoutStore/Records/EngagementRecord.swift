import FluentKit
import Foundation
import TryoutCore

/// An accepted place on a project: the work, with the terms frozen as they stood at acceptance.
public final class EngagementRecord: Model, @unchecked Sendable {
    public static let schema = "engagements"
    public var properties: [any AnyProperty] {
        [
            $id, $application, $project, $organization, $candidate, $state, $classification, $payMinor, $currency,
            $estimatedHours, $startDate, $endDate, $createdAt, $stateChangedAt, $endedAt, $endReason, $endedBy
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "application_id") public var application: ApplicationRecord
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Parent(key: "candidate_id") public var candidate: UserRecord
    @Enum(key: "state") public var state: EngagementState
    @Enum(key: "classification") public var classification: WorkerClassification
    @Field(key: "pay_minor") public var payMinor: Int64
    @Field(key: "currency") public var currency: String
    @Field(key: "estimated_hours") public var estimatedHours: Int
    @Field(key: "start_date") public var startDate: Date
    @Field(key: "end_date") public var endDate: Date
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "state_changed_at") public var stateChangedAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @Field(key: "end_reason") public var endReason: String
    @OptionalField(key: "ended_by") public var endedBy: UUID?

    public init() {}

    public var pay: Money { Money(amountMinor: payMinor, currency: currency) }
}

/// An employer member assigned to an engagement as its mentor.
public final class TeamMemberRecord: Model, @unchecked Sendable {
    public static let schema = "engagement_team"
    public var properties: [any AnyProperty] { [$id, $engagement, $user, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(engagementID: UUID, userID: UUID, at now: Date) {
        $engagement.id = engagementID
        $user.id = userID
        createdAt = now
    }
}

/// One onboarding item of one engagement, ticked off by its owner's side.
public final class ChecklistItemRecord: Model, @unchecked Sendable {
    public static let schema = "checklist_items"
    public var properties: [any AnyProperty] { [$id, $engagement, $position, $title, $owner, $doneAt, $doneBy] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    @Enum(key: "owner") public var owner: EngagementSide
    @OptionalField(key: "done_at") public var doneAt: Date?
    @OptionalField(key: "done_by") public var doneBy: UUID?

    public init() {}

    public init(engagementID: UUID, position: Int, item: ChecklistItem) {
        $engagement.id = engagementID
        self.position = position
        title = item.title
        owner = item.owner
    }
}

/// An organization's own wording for one kind of agreement.
public final class AgreementTemplateRecord: Model, @unchecked Sendable {
    public static let schema = "agreement_templates"
    public var properties: [any AnyProperty] { [$id, $organization, $kind, $body, $updatedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Enum(key: "kind") public var kind: AgreementKind
    @Field(key: "body") public var body: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// One rendered agreement: its exact text, the SHA-256 of that text, and each side's signature.
/// Nothing in Tryout changes the text once written; a change is a new version.
public final class AgreementRecord: Model, @unchecked Sendable {
    public static let schema = "agreements"
    public var properties: [any AnyProperty] {
        [
            $id, $engagement, $kind, $version, $text, $sha256, $createdAt, $supersededAt, $candidateName,
            $candidateSignedAt, $candidateIP, $candidateAgent, $employerUserID, $employerName, $employerSignedAt,
            $employerIP, $employerAgent
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Enum(key: "kind") public var kind: AgreementKind
    @Field(key: "version") public var version: Int
    @Field(key: "text") public var text: String
    @Field(key: "sha256") public var sha256: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "superseded_at") public var supersededAt: Date?
    @OptionalField(key: "candidate_name") public var candidateName: String?
    @OptionalField(key: "candidate_signed_at") public var candidateSignedAt: Date?
    @OptionalField(key: "candidate_ip") public var candidateIP: String?
    @OptionalField(key: "candidate_agent") public var candidateAgent: String?
    @OptionalField(key: "employer_user_id") public var employerUserID: UUID?
    @OptionalField(key: "employer_name") public var employerName: String?
    @OptionalField(key: "employer_signed_at") public var employerSignedAt: Date?
    @OptionalField(key: "employer_ip") public var employerIP: String?
    @OptionalField(key: "employer_agent") public var employerAgent: String?

    public init() {}

    public func signedAt(_ side: EngagementSide) -> Date? {
        side == .candidate ? candidateSignedAt : employerSignedAt
    }

    public var isSigned: Bool { candidateSignedAt != nil && employerSignedAt != nil }

    /// Whether the stored text still has the fingerprint it was signed with.
    public var isIntact: Bool { Fingerprint.sha256(text) == sha256 }
}
