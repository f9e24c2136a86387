import Foundation
import TryoutCore
import TryoutStore
import Vapor

extension DTO {
    struct MoneyAmount: Content {
        var amountMinor: Int64
        var currency: String
    }

    struct OrganizationRef: Content {
        var slug: String
        var name: String
    }

    struct ProjectSummary: Content {
        var id: UUID
        var title: String
        var summary: String
        var state: ProjectState
        var organization: OrganizationRef
        var pay: MoneyAmount
        var estimatedHours: Int
        var durationWeeks: Int
        var locationMode: LocationMode
        var place: String
        var applicationDeadline: Date?
        var publishedAt: Date?

        init(_ record: ProjectRecord) {
            id = record.id!
            title = record.title
            summary = record.summary
            state = record.state
            organization = OrganizationRef(slug: record.organization.slug, name: record.organization.name)
            pay = MoneyAmount(amountMinor: record.payMinor, currency: record.currency)
            estimatedHours = record.estimatedHours
            durationWeeks = record.durationWeeks
            locationMode = record.locationMode
            place = record.place
            applicationDeadline = record.applicationDeadline
            publishedAt = record.publishedAt
        }
    }

    struct ProjectList: Content {
        var items: [ProjectSummary]
        var total: Int
        var nextCursor: String?
    }

    struct SkillEntry: Content {
        var uri: String
        var label: String?
        var level: Int
        var required: Bool
    }

    struct Lint: Content {
        var errors: [FieldError]
        var warnings: [FieldError]

        init(_ report: LintReport) {
            errors = report.errors.map { FieldError($0.field, $0.message) }
            warnings = report.warnings.map { FieldError($0.field, $0.message) }
        }
    }

    struct ProjectDetail: Content {
        var project: ProjectSummary
        var body: String
        var deliverables: [Deliverable]
        var rubric: [RubricCriterion]
        var skills: [SkillEntry]
        var classification: WorkerClassification?
        var slots: Int
        var visibility: ProjectVisibility
        var startDate: Date?
        var agreements: [AgreementKind]
        var screeningQuestions: [String]
        var accommodations: String
        var briefVersion: Int
        /// The publishing checks, for the organization's authors only.
        var lint: Lint?
    }

    /// A whole brief, to create a draft or replace one.
    struct ProjectInput: Content {
        var title: String
        var summary: String
        var body: String?
        var deliverables: [Deliverable]?
        var rubric: [RubricCriterion]?
        var skills: [SkillEntry]?
        var estimatedHours: Int
        var durationWeeks: Int
        var pay: MoneyAmount
        var classification: WorkerClassification?
        var locationMode: LocationMode?
        var place: String?
        var slots: Int?
        var visibility: ProjectVisibility?
        var applicationDeadline: String?
        var startDate: String?
        var agreements: [AgreementKind]?
        var screeningQuestions: [String]?
        var accommodations: String?
        var partnerSlugs: [String]?
        var invitedEmails: [String]?

        /// The same checks as the brief form: the input becomes the form's fields.
        var briefInput: BriefInput {
            let currency = pay.currency.uppercased()
            let amount = Money(amountMinor: max(0, pay.amountMinor), currency: BriefInput.currencies.contains(currency) ? currency : "USD")
            var brief = Brief(title: title, summary: summary, body: body ?? "", deliverables: deliverables ?? [], rubric: rubric ?? [],
                              estimatedHours: estimatedHours, durationWeeks: durationWeeks, pay: amount, classification: classification,
                              locationMode: locationMode ?? .remote, place: place ?? "", slots: slots ?? 1, visibility: visibility ?? .public,
                              agreements: Set(agreements ?? []), screeningQuestions: screeningQuestions ?? [], accommodations: accommodations ?? "")
            brief.skills = []
            var input = BriefInput(brief: brief, skillLabels: [:], partnerSlugs: partnerSlugs ?? [], invitedEmails: invitedEmails ?? [])
            input.fields["currency"] = currency
            if pay.amountMinor < 0 { input.fields["pay"] = "-" }
            input.fields["applicationDeadline"] = applicationDeadline ?? ""
            input.fields["startDate"] = startDate ?? ""
            for (index, skill) in (skills ?? []).prefix(BriefInput.maxSkills).enumerated() {
                input.fields["skill.\(index).label"] = skill.uri
                input.fields["skill.\(index).level"] = String(skill.level)
                if skill.required { input.fields["skill.\(index).required"] = "on" }
            }
            return input
        }
    }
}
