import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

extension DTO {
    struct MoneyAmount: Content {
        var amountMinor: Int64
        var currency: String

        init(amountMinor: Int64, currency: String) {
            self.amountMinor = amountMinor
            self.currency = currency
        }

        init(_ money: Money) {
            self.init(amountMinor: money.amountMinor, currency: money.currency)
        }
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

        init(_ project: ProjectListing) {
            id = project.id
            title = project.title
            summary = project.summary
            state = project.state
            organization = OrganizationRef(slug: project.organizationSlug, name: project.organizationName)
            pay = MoneyAmount(amountMinor: project.payMinor, currency: project.currency)
            estimatedHours = project.estimatedHours
            durationWeeks = project.durationWeeks
            locationMode = project.locationMode
            place = project.place
            applicationDeadline = project.applicationDeadline
            publishedAt = project.publishedAt
        }

        /// A stored project whose organization is loaded.
        init(_ record: ProjectRecord) {
            self.init(ProjectListing(record))
        }
    }

    struct ProjectList: Content {
        var items: [ProjectSummary]
        var total: Int
        var totalCapped: Bool
        var nextCursor: String?
        /// Why nothing matches when a filter names something this server does not know.
        var notices: [SearchNotice]
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

    /// A whole project: every field `PUT` takes, in the format it takes them, at the top level (so
    /// what `GET` gives can be changed and sent back), plus what only the server sets.
    struct ProjectDetail: Content {
        /// The project as lists show it: its id, state, organization and publication.
        var project: ProjectSummary
        var brief: ProjectInput
        var briefVersion: Int
        /// The screening switches and the publishing checks, for the organization's authors only.
        var screening: Screening?
        var lint: Lint?

        private enum CodingKeys: String, CodingKey { case project, briefVersion, screening, lint }

        init(project: ProjectSummary, brief: ProjectInput, briefVersion: Int, screening: Screening?, lint: Lint?) {
            self.project = project
            self.brief = brief
            self.briefVersion = briefVersion
            self.screening = screening
            self.lint = lint
        }

        init(from decoder: any Decoder) throws {
            brief = try ProjectInput(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            project = try container.decode(ProjectSummary.self, forKey: .project)
            briefVersion = try container.decode(Int.self, forKey: .briefVersion)
            screening = try container.decodeIfPresent(Screening.self, forKey: .screening)
            lint = try container.decodeIfPresent(Lint.self, forKey: .lint)
        }

        func encode(to encoder: any Encoder) throws {
            try brief.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(project, forKey: .project)
            try container.encode(briefVersion, forKey: .briefVersion)
            try container.encodeIfPresent(screening, forKey: .screening)
            try container.encodeIfPresent(lint, forKey: .lint)
        }
    }

    /// A whole brief, to create a draft or replace one; `GET` answers with the same fields.
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
        /// An IANA name, like Europe/Berlin; null or empty for none.
        var timeZone: String?
        var slots: Int?
        var visibility: ProjectVisibility?
        var applicationDeadline: String?
        var startDate: String?
        var agreements: [AgreementKind]?
        var screeningQuestions: [String]?
        var accommodations: String?
        var partnerSlugs: [String]?
        var invitedEmails: [String]?

        /// `brief` as this input writes it; the audience only for the organization's authors.
        init(_ brief: Brief, skills: [SkillEntry], audience: (partnerSlugs: [String], invitedEmails: [String])?) {
            title = brief.title
            summary = brief.summary
            body = brief.body
            deliverables = brief.deliverables
            rubric = brief.rubric
            self.skills = skills
            estimatedHours = brief.estimatedHours
            durationWeeks = brief.durationWeeks
            pay = MoneyAmount(amountMinor: brief.pay.amountMinor, currency: brief.pay.currency)
            classification = brief.classification
            locationMode = brief.locationMode
            place = brief.place
            timeZone = brief.timeZone
            slots = brief.slots
            visibility = brief.visibility
            applicationDeadline = brief.applicationDeadline.map { BriefInput.dayString($0) }
            startDate = brief.startDate.map { BriefInput.dayString($0) }
            agreements = AgreementKind.allCases.filter(brief.agreements.contains)
            screeningQuestions = brief.screeningQuestions
            accommodations = brief.accommodations
            partnerSlugs = audience?.partnerSlugs
            invitedEmails = audience?.invitedEmails
        }

        /// What the form's rows cannot express: lists longer than the form allows, blank entries,
        /// line breaks in one-line items. Checked before the input becomes the form's fields.
        func checkShape() throws(ValidationFailure) {
            var v = Validator()
            v.check((deliverables ?? []).count <= BriefInput.maxDeliverables, "deliverables", "At most \(BriefInput.maxDeliverables) deliverables.")
            v.check((rubric ?? []).count <= BriefInput.maxCriteria, "rubric", "At most \(BriefInput.maxCriteria) rubric criteria.")
            v.check((skills ?? []).count <= BriefInput.maxSkills, "skills", "At most \(BriefInput.maxSkills) skills.")
            v.check((screeningQuestions ?? []).count <= 10, "screeningQuestions", "At most 10 screening questions.")
            for (index, deliverable) in (deliverables ?? []).enumerated() where deliverable.title.trimmingCharacters(in: .whitespaces).isEmpty {
                v.add(FieldError("deliverables.\(index).title", "Deliverable \(index + 1) needs a title."))
            }
            for (index, criterion) in (rubric ?? []).enumerated() {
                if criterion.title.trimmingCharacters(in: .whitespaces).isEmpty {
                    v.add(FieldError("rubric.\(index).title", "Criterion \(index + 1) needs a title."))
                }
                v.check(criterion.levels.count == RubricCriterion.levelCount, "rubric.\(index).levels", "Describe exactly four levels.")
            }
            for (index, skill) in (skills ?? []).enumerated() where skill.uri.trimmingCharacters(in: .whitespaces).isEmpty {
                v.add(FieldError("skills.\(index).uri", "Give the skill's ESCO URI."))
            }
            // A day is written exactly as `GET` shows it; no day at all is null or left out.
            for (name, day) in [("applicationDeadline", applicationDeadline), ("startDate", startDate)] {
                if let day, BriefInput.parseDay(day) == nil { v.add(FieldError(name, "Give a day like 2026-03-01, or null for none.")) }
            }
            // A time zone is written exactly as `GET` shows it (the form forgives spaces around it).
            if let timeZone, !timeZone.isEmpty, TimeZoneName.zone(timeZone) == nil {
                v.add(FieldError("timeZone", BriefInput.unknownTimeZone))
            }
            for (name, items) in [("screeningQuestions", screeningQuestions), ("invitedEmails", invitedEmails), ("partnerSlugs", partnerSlugs)] {
                for (index, item) in (items ?? []).enumerated()
                where item.trimmingCharacters(in: .whitespaces).isEmpty || item.contains(where: \.isNewline) {
                    v.add(FieldError("\(name).\(index)", "Give one non-empty line."))
                }
            }
            try v.finish()
        }

        /// The form's field names as this input's JSON paths, so API errors name what was sent.
        static func jsonPath(_ field: String) -> String {
            let parts = field.split(separator: ".").map(String.init)
            switch (parts.first, parts.count) {
            case ("skill", 3): return "skills.\(parts[1]).\(parts[2] == "label" ? "uri" : parts[2])"
            case ("deliverable", 3): return "deliverables.\(parts[1]).\(parts[2] == "due" ? "dueOffsetDays" : parts[2])"
            case ("criterion", 3):
                if parts[2].hasPrefix("level"), let level = Int(parts[2].dropFirst(5)) { return "rubric.\(parts[1]).levels.\(level - 1)" }
                return "rubric.\(parts[1]).\(parts[2])"
            case ("partners", 1): return "partnerSlugs"
            case ("pay", 1): return "pay.amountMinor"
            case ("currency", 1): return "pay.currency"
            default: return field
            }
        }

        /// The same checks as the brief form: the input becomes the form's fields.
        var briefInput: BriefInput {
            let currency = pay.currency.uppercased()
            let amount = Money(amountMinor: max(0, pay.amountMinor), currency: BriefInput.currencies.contains(currency) ? currency : "USD")
            var brief = Brief(title: title, summary: summary, body: body ?? "", deliverables: deliverables ?? [], rubric: rubric ?? [],
                              estimatedHours: estimatedHours, durationWeeks: durationWeeks, pay: amount, classification: classification,
                              locationMode: locationMode ?? .remote, place: place ?? "", timeZone: timeZone, slots: slots ?? 1, visibility: visibility ?? .public,
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
