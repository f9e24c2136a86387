import FluentKit
import Foundation
import TryoutCore

/// A project brief and its terms.
public final class ProjectRecord: Model, @unchecked Sendable {
    public static let schema = "projects"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    /// The one-page brief in Markdown, rendered safely on output.
    @Field(key: "brief") public var brief: String
    @Enum(key: "state") public var state: ProjectState
    @Field(key: "estimated_hours") public var estimatedHours: Int
    @Field(key: "duration_weeks") public var durationWeeks: Int
    @Field(key: "pay_minor") public var payMinor: Int64
    @Field(key: "currency") public var currency: String
    @Enum(key: "classification") public var classification: WorkerClassification
    @Enum(key: "location_mode") public var locationMode: LocationMode
    @Field(key: "place") public var place: String
    @Field(key: "slots") public var slots: Int
    @Enum(key: "visibility") public var visibility: ProjectVisibility
    @OptionalField(key: "application_deadline") public var applicationDeadline: Date?
    @OptionalField(key: "start_date") public var startDate: Date?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Children(for: \.$project) public var skills: [ProjectSkillRecord]

    public init() {}

    public var pay: Money { Money(amountMinor: payMinor, currency: currency) }
}

public final class ProjectSkillRecord: Model, @unchecked Sendable {
    public static let schema = "project_skills"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "skill_uri") public var skill: SkillRecord
    @Field(key: "required") public var required: Bool
    /// The level wanted, 1 (basic) to 4 (expert).
    @Field(key: "level") public var level: Int

    public init() {}

    public init(projectID: UUID, skillURI: String, required: Bool, level: Int) {
        self.$project.id = projectID
        self.$skill.id = skillURI
        self.required = required
        self.level = level
    }
}
