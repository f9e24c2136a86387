import Foundation

/// One thing the candidate hands in, due a number of days after the start.
public struct Deliverable: Equatable, Sendable, Codable {
    public var title: String
    public var description: String
    public var dueOffsetDays: Int
    /// Share of the project's weight, 0–100.
    public var weight: Int

    public init(title: String, description: String, dueOffsetDays: Int, weight: Int) {
        self.title = title
        self.description = description
        self.dueOffsetDays = dueOffsetDays
        self.weight = weight
    }
}

/// One scored dimension of the work, with what each of the four levels looks like.
public struct RubricCriterion: Equatable, Sendable, Codable {
    public static let levelCount = 4

    public var title: String
    /// Share of the score, 0–100; the criteria of a rubric add up to 100.
    public var weight: Int
    /// Descriptors from level 1 (not yet) to level 4 (exemplary).
    public var levels: [String]

    public init(title: String, weight: Int, levels: [String]) {
        self.title = title
        self.weight = weight
        self.levels = levels
    }
}

/// A skill the project needs or welcomes, at a level from 1 (basic) to 4 (expert).
public struct SkillRequirement: Equatable, Hashable, Sendable, Codable {
    public var uri: String
    public var level: Int
    public var required: Bool

    public init(uri: String, level: Int, required: Bool) {
        self.uri = uri
        self.level = level
        self.required = required
    }
}

/// The agreements a project can require before work starts.
public enum AgreementKind: String, Codable, Sendable, CaseIterable {
    case contractorAgreement = "contractor_agreement"
    case internshipAgreement = "internship_agreement"
    case ipAssignment = "ip_assignment"
    case nda

    public var label: String {
        switch self {
        case .contractorAgreement: "Contractor agreement"
        case .internshipAgreement: "Internship agreement"
        case .ipAssignment: "IP assignment"
        case .nda: "Non-disclosure agreement"
        }
    }
}

/// Everything an employer writes in a brief: what the lint judges and what candidates read.
public struct Brief: Equatable, Sendable {
    public var title: String
    public var summary: String
    /// The one-page brief in Markdown.
    public var body: String
    public var deliverables: [Deliverable]
    public var rubric: [RubricCriterion]
    public var skills: [SkillRequirement]
    public var estimatedHours: Int
    public var durationWeeks: Int
    public var pay: Money
    public var classification: WorkerClassification?
    public var locationMode: LocationMode
    public var place: String
    /// The IANA time zone the employer's team works in: its working hours there are "the
    /// project's hours" a remote candidate's day is compared with. Nil when the brief names none.
    public var timeZone: String?
    public var slots: Int
    public var visibility: ProjectVisibility
    public var applicationDeadline: Date?
    public var startDate: Date?
    public var agreements: Set<AgreementKind>
    public var screeningQuestions: [String]
    public var accommodations: String
    /// For unpaid internships only: the answers to the primary-beneficiary test.
    public var internTest: InternTest?

    public init(title: String = "", summary: String = "", body: String = "", deliverables: [Deliverable] = [],
                rubric: [RubricCriterion] = [], skills: [SkillRequirement] = [], estimatedHours: Int = 10,
                durationWeeks: Int = 2, pay: Money = Money(amountMinor: 0, currency: "USD"),
                classification: WorkerClassification? = nil, locationMode: LocationMode = .remote, place: String = "",
                timeZone: String? = nil, slots: Int = 1, visibility: ProjectVisibility = .public, applicationDeadline: Date? = nil,
                startDate: Date? = nil, agreements: Set<AgreementKind> = [], screeningQuestions: [String] = [],
                accommodations: String = "", internTest: InternTest? = nil) {
        self.title = title
        self.summary = summary
        self.body = body
        self.deliverables = deliverables
        self.rubric = rubric
        self.skills = skills
        self.estimatedHours = estimatedHours
        self.durationWeeks = durationWeeks
        self.pay = pay
        self.classification = classification
        self.locationMode = locationMode
        self.place = place
        self.timeZone = timeZone
        self.slots = slots
        self.visibility = visibility
        self.applicationDeadline = applicationDeadline
        self.startDate = startDate
        self.agreements = agreements
        self.screeningQuestions = screeningQuestions
        self.accommodations = accommodations
        self.internTest = internTest
    }
}
