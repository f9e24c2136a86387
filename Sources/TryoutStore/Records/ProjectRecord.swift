import FluentKit
import Foundation
import TryoutCore

/// A project brief and its terms.
public final class ProjectRecord: Model, @unchecked Sendable {
    public static let schema = "projects"
    public var properties: [any AnyProperty] {
        [
            $id, $organization, $title, $summary, $brief, $state, $estimatedHours, $durationWeeks, $payMinor, $currency,
            $classificationCode, $locationMode, $place, $timeZone, $slots, $visibility, $applicationDeadline, $startDate,
            $createdAt, $publishedAt, $briefVersion, $agreements, $screeningQuestions, $accommodations, $internTest,
            $updatedAt, $blindScreening, $revealAt, $offerWindowDays, $onboardingJSON, $reviewPanelSize, $reviewRotation,
            $reviewManagerScores, $reviewBlind, $autoAcceptDays, $storedBriefHTML, $briefHTMLRevision, $skills
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    /// The one-page brief in Markdown. Setting it renders it (`briefHTML`), once, where every view
    /// of the project's page rendered it before (Benchmarks/README.md, tenth round).
    @Field(key: "brief") public var brief: String {
        didSet { renderBrief() }
    }
    @Enum(key: "state") public var state: ProjectState
    @Field(key: "estimated_hours") public var estimatedHours: Int
    @Field(key: "duration_weeks") public var durationWeeks: Int
    @Field(key: "pay_minor") public var payMinor: Int64
    @Field(key: "currency") public var currency: String
    /// A `WorkerClassification`, or empty while a draft leaves it open.
    @Field(key: "classification") public var classificationCode: String
    @Enum(key: "location_mode") public var locationMode: LocationMode
    @Field(key: "place") public var place: String
    /// An IANA time zone name, the team's; nil when the brief names none.
    @OptionalField(key: "time_zone") public var timeZone: String?
    @Field(key: "slots") public var slots: Int
    @Enum(key: "visibility") public var visibility: ProjectVisibility
    @OptionalField(key: "application_deadline") public var applicationDeadline: Date?
    @OptionalField(key: "start_date") public var startDate: Date?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "published_at") public var publishedAt: Date?
    /// The version of deliverables and rubric new applicants see.
    @Field(key: "brief_version") public var briefVersion: Int
    /// Required agreement kinds, comma-separated raw values.
    @Field(key: "agreements") public var agreements: String
    /// Screening questions as a JSON array of strings.
    @Field(key: "screening_questions") public var screeningQuestions: String
    @Field(key: "accommodations") public var accommodations: String
    /// The seven-factor answers of an unpaid internship, as JSON.
    @OptionalField(key: "intern_test") public var internTest: String?
    @OptionalField(key: "updated_at") public var updatedAt: Date?
    @Field(key: "blind_screening") public var blindScreening: Bool
    @Enum(key: "reveal_at") public var revealAt: RevealStage
    @Field(key: "offer_window_days") public var offerWindowDays: Int
    /// The onboarding checklist as JSON; empty for the standard one.
    @Field(key: "onboarding") public var onboardingJSON: String
    @Field(key: "review_panel_size") public var reviewPanelSize: Int
    @Enum(key: "review_rotation") public var reviewRotation: ReviewSettings.Rotation
    @Field(key: "review_manager_scores") public var reviewManagerScores: Bool
    @Field(key: "review_blind") public var reviewBlind: Bool
    @Field(key: "auto_accept_days") public var autoAcceptDays: Int
    /// `brief` as `SafeMarkdown` rendered it at `briefHTMLRevision`.
    @Field(key: "brief_html") var storedBriefHTML: String
    @Field(key: "brief_html_revision") var briefHTMLRevision: Int
    @Children(for: \.$project) public var skills: [ProjectSkillRecord]

    public init() {}

    public var pay: Money { Money(amountMinor: payMinor, currency: currency) }

    /// The brief in HTML: as stored when the renderer has not changed since, else rendered now.
    public var briefHTML: String {
        briefHTMLRevision == SafeMarkdown.revision ? storedBriefHTML : SafeMarkdown.html(brief)
    }

    private func renderBrief() {
        storedBriefHTML = SafeMarkdown.html(brief)
        briefHTMLRevision = SafeMarkdown.revision
    }

    public var classification: WorkerClassification? {
        get { WorkerClassification(rawValue: classificationCode) }
        set { classificationCode = newValue?.rawValue ?? "" }
    }

    public var onboarding: [ChecklistItem] {
        get { (try? JSONDecoder().decode([ChecklistItem].self, from: Data(onboardingJSON.utf8))) ?? Onboarding.defaults }
        set { onboardingJSON = (try? String(decoding: JSONEncoder().encode(newValue), as: UTF8.self)) ?? "" }
    }

    public var reviews: ReviewSettings {
        get {
            var settings = ReviewSettings()
            settings.panelSize = reviewPanelSize
            settings.rotation = reviewRotation
            settings.managerScores = reviewManagerScores
            settings.blind = reviewBlind
            settings.autoAcceptDays = autoAcceptDays
            return settings
        }
        set {
            reviewPanelSize = newValue.panelSize
            reviewRotation = newValue.rotation
            reviewManagerScores = newValue.managerScores
            reviewBlind = newValue.blind
            autoAcceptDays = newValue.autoAcceptDays
        }
    }

    public var screening: ScreeningSettings {
        get { ScreeningSettings(blind: blindScreening, revealAt: revealAt, offerWindowDays: offerWindowDays) }
        set {
            blindScreening = newValue.blind
            revealAt = newValue.revealAt
            offerWindowDays = newValue.offerWindowDays
        }
    }
}

/// Deliverables and rubric as they stood at one version; never changed once the project is published.
public final class BriefVersionRecord: Model, @unchecked Sendable {
    public static let schema = "project_brief_versions"
    public var properties: [any AnyProperty] { [$id, $project, $version, $deliverables, $rubric, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Field(key: "version") public var version: Int
    @Field(key: "deliverables") public var deliverables: String
    @Field(key: "rubric") public var rubric: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(projectID: UUID, version: Int, deliverables: String, rubric: String, createdAt: Date) {
        self.$project.id = projectID
        self.version = version
        self.deliverables = deliverables
        self.rubric = rubric
        self.createdAt = createdAt
    }
}

public final class ProjectPartnerRecord: Model, @unchecked Sendable {
    public static let schema = "project_partners"
    public var properties: [any AnyProperty] { [$id, $project, $organization] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord

    public init() {}

    public init(projectID: UUID, organizationID: UUID) {
        self.$project.id = projectID
        self.$organization.id = organizationID
    }
}

public final class ProjectInvitationRecord: Model, @unchecked Sendable {
    public static let schema = "project_invitations"
    public var properties: [any AnyProperty] { [$id, $project, $email, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Field(key: "email") public var email: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(projectID: UUID, email: String, createdAt: Date) {
        self.$project.id = projectID
        self.email = email
        self.createdAt = createdAt
    }
}

public final class ProjectSkillRecord: Model, @unchecked Sendable {
    public static let schema = "project_skills"
    public var properties: [any AnyProperty] { [$id, $project, $skill, $required, $level] }

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
