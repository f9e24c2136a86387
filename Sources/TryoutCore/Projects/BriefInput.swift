import Foundation

/// The brief form as typed: flat field names (`deliverable.0.title`), all text. Parsing it
/// yields a brief plus what only the store can resolve (skill labels, partner slugs).
public struct BriefInput: Sendable {
    public struct SkillEntry: Equatable, Sendable {
        /// The form row, N in `skill.N.label`, for errors about this entry.
        public var row: Int
        public var label: String
        public var level: Int
        public var required: Bool
    }

    public struct Parsed: Sendable {
        public var brief: Brief
        public var skills: [SkillEntry]
        public var partnerSlugs: [String]
        public var invitedEmails: [String]
    }

    public static let maxDeliverables = 10
    public static let maxCriteria = 8
    public static let maxSkills = 12
    public static let currencies = ["USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "INR", "SGD"]
    /// Hours a brief may estimate at all; publishing asks for fewer (see `ComplianceLint`).
    public static let estimatedHours = 1...500
    public static let unknownTimeZone = "Choose a time zone by its name, like Europe/Berlin, or leave it empty."

    public var fields: [String: String]

    public init(_ fields: [String: String]) {
        self.fields = fields
    }

    private func text(_ name: String) -> String {
        TextInput.trimmed(fields[name] ?? "")
    }

    private func lines(_ name: String) -> [String] {
        text(name).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `state` is the project's: a draft may leave the classification open (publishing asks for
    /// it), a published brief keeps one.
    public func parse(for state: ProjectState) throws(ValidationFailure) -> Parsed {
        var v = Validator()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) where !TextInput.isStorable(value) {
            v.add(FieldError(name, "This field contains control characters; remove them."))
        }
        var brief = Brief()
        brief.title = v.required(fields["title"], "title", label: "Title", maxLength: 120)
        brief.summary = v.required(fields["summary"], "summary", label: "Summary", maxLength: 300)
        brief.body = text("body")
        v.check(brief.body.unicodeScalars.count <= 20_000, "body", "The brief must be at most 20,000 characters.")
        v.check(TextInput.isStorable(brief.body), "body", "The brief contains control characters; remove them.")

        brief.estimatedHours = integer("estimatedHours", label: "Estimated hours", in: Self.estimatedHours, &v) ?? 0
        brief.durationWeeks = integer("durationWeeks", label: "Duration in weeks", in: 1...52, &v) ?? 0
        brief.slots = integer("slots", label: "Places", in: 1...100, &v) ?? 1

        // Codes are upper case; "usd" means USD.
        let currency = text("currency").uppercased()
        v.check(Self.currencies.contains(currency), "currency", "Choose a currency.")
        if let pay = Money.parse(text("pay"), currency: Self.currencies.contains(currency) ? currency : "USD") {
            brief.pay = pay
        } else {
            v.add(FieldError("pay", "Enter the pay as an amount, like 600 or 600.00."))
        }
        let classification = text("classification")
        brief.classification = WorkerClassification(rawValue: classification)
        if brief.classification == nil && (!classification.isEmpty || state != .draft) {
            v.add(FieldError("classification", "Choose how the person is engaged: contractor, intern or employee."))
        }
        brief.locationMode = LocationMode(rawValue: text("locationMode")) ?? .remote
        brief.place = text("place")
        if brief.locationMode != .remote && brief.place.isEmpty {
            v.add(FieldError("place", "Say where the work happens for hybrid and on-site projects."))
        }
        let zone = text("timeZone")
        if !zone.isEmpty {
            brief.timeZone = zone
            v.check(TimeZoneName.zone(zone) != nil, "timeZone", Self.unknownTimeZone)
        }
        brief.visibility = ProjectVisibility(rawValue: text("visibility")) ?? .public
        brief.applicationDeadline = date("applicationDeadline", label: "Application deadline", &v)
        brief.startDate = date("startDate", label: "Start date", &v)
        if let deadline = brief.applicationDeadline, let start = brief.startDate, deadline > start {
            v.add(FieldError("applicationDeadline", "The application deadline must be on or before the start date."))
        }
        brief.agreements = Set(AgreementKind.allCases.filter { fields["agreement.\($0.rawValue)"] != nil })
        brief.screeningQuestions = lines("screeningQuestions")
        v.check(brief.screeningQuestions.count <= 10, "screeningQuestions", "Ask at most 10 screening questions.")
        brief.accommodations = text("accommodations")

        brief.deliverables = deliverables(&v)
        brief.rubric = rubric(&v)
        let skills = skillEntries(&v)
        brief.internTest = internTest()

        let partnerSlugs = lines("partners").map { $0.lowercased() }
        for slug in partnerSlugs where !Slug.isValid(slug) {
            v.add(FieldError("partners", "\"\(slug)\" is not an organization address."))
        }
        let emails = lines("invitedEmails")
        let parsedEmails = emails.compactMap(EmailAddress.init).map(\.value)
        v.check(parsedEmails.count == emails.count, "invitedEmails", "Enter one valid e-mail address per line.")
        if brief.visibility == .partners && partnerSlugs.isEmpty {
            v.add(FieldError("partners", "Name at least one partner organization for a partners-only project."))
        }
        try v.finish()
        return Parsed(brief: brief, skills: skills, partnerSlugs: partnerSlugs, invitedEmails: parsedEmails)
    }

    private func integer(_ name: String, label: String, in range: ClosedRange<Int>, _ v: inout Validator) -> Int? {
        guard let value = Int(text(name)), range.contains(value) else {
            v.add(FieldError(name, "\(label) must be a whole number from \(range.lowerBound) to \(range.upperBound)."))
            return nil
        }
        return value
    }

    private func date(_ name: String, label: String, _ v: inout Validator) -> Date? {
        v.day(text(name), name, label: label)
    }

    private static let day = Date.ISO8601FormatStyle().year().month().day()

    /// A `YYYY-MM-DD` day; formatting it back must give the same text (no junk, no 30 February).
    public static func parseDay(_ raw: String) -> Date? {
        guard let date = try? Date(raw, strategy: day), date.formatted(day) == raw else { return nil }
        return date
    }

    public static func dayString(_ date: Date?) -> String {
        date.map { $0.formatted(day) } ?? ""
    }

    private func deliverables(_ v: inout Validator) -> [Deliverable] {
        var result: [Deliverable] = []
        for index in 0..<Self.maxDeliverables {
            let prefix = "deliverable.\(index)."
            let title = text(prefix + "title")
            let description = text(prefix + "description")
            guard !title.isEmpty || !description.isEmpty else { continue }
            if title.isEmpty { v.add(FieldError(prefix + "title", "Deliverable \(index + 1) needs a title.")) }
            let due = Int(text(prefix + "due")) ?? -1
            v.check((0...365).contains(due), prefix + "due", "Deliverable \(index + 1): give the due day as 0 to 365 days after the start.")
            let weight = Int(text(prefix + "weight")) ?? -1
            v.check((0...100).contains(weight), prefix + "weight", "Deliverable \(index + 1): weight must be 0 to 100.")
            result.append(Deliverable(title: title, description: description, dueOffsetDays: due, weight: weight))
        }
        return result
    }

    private func rubric(_ v: inout Validator) -> [RubricCriterion] {
        var result: [RubricCriterion] = []
        for index in 0..<Self.maxCriteria {
            let prefix = "criterion.\(index)."
            let title = text(prefix + "title")
            let levels = (1...RubricCriterion.levelCount).map { text(prefix + "level\($0)") }
            guard !title.isEmpty || levels.contains(where: { !$0.isEmpty }) else { continue }
            if title.isEmpty { v.add(FieldError(prefix + "title", "Criterion \(index + 1) needs a title.")) }
            let weight = Int(text(prefix + "weight")) ?? -1
            v.check((0...100).contains(weight), prefix + "weight", "Criterion \(index + 1): weight must be 0 to 100.")
            result.append(RubricCriterion(title: title, weight: weight, levels: levels))
        }
        return result
    }

    private func skillEntries(_ v: inout Validator) -> [SkillEntry] {
        Self.skillRows(fields, maximum: Self.maxSkills, &v).map {
            SkillEntry(row: $0.index, label: $0.label, level: $0.level, required: fields["skill.\($0.index).required"] != nil)
        }
    }

    /// The filled `skill.N.label` rows of a form with their `skill.N.level`, 1 to 4; the brief
    /// form and the profile form share them.
    static func skillRows(_ fields: [String: String], maximum: Int, _ v: inout Validator) -> [(index: Int, label: String, level: Int)] {
        (0..<maximum).compactMap { index in
            let label = TextInput.trimmed(fields["skill.\(index).label"] ?? "")
            guard !label.isEmpty else { return nil }
            let level = Int(TextInput.trimmed(fields["skill.\(index).level"] ?? "")) ?? 0
            v.check((1...4).contains(level), "skill.\(index).level", "Skill \(index + 1): choose a level from 1 to 4.")
            return (index, label, level)
        }
    }

    /// The seven answers, when any was given; the lint judges whether they suffice.
    private func internTest() -> InternTest? {
        var answers: [InternTest.Factor: InternTest.Answer] = [:]
        for factor in InternTest.Factor.allCases {
            let holds = text("intern.\(factor.rawValue).holds")
            let why = text("intern.\(factor.rawValue).why")
            guard !holds.isEmpty || !why.isEmpty else { continue }
            answers[factor] = InternTest.Answer(holds: holds == "yes", explanation: why)
        }
        return answers.isEmpty ? nil : InternTest(answers: answers)
    }
}

extension Money {
    /// Reads "600", "600.5" or "1,250.00" into minor units, refusing more decimals than the currency has.
    public static func parse(_ text: String, currency: String) -> Money? {
        let cleaned = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        let digits = Money(amountMinor: 0, currency: currency).minorDigits
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard !cleaned.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              !parts[0].isEmpty, parts[0].count <= 12
        else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= digits, parts.count == 1 || !fraction.isEmpty else { return nil }
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        guard let major = Int64(parts[0]), let minor = Int64(padded.isEmpty ? "0" : padded) else { return nil }
        let scale = Int64((0..<digits).reduce(1) { acc, _ in acc * 10 })
        return Money(amountMinor: major * scale + minor, currency: currency)
    }

    /// The amount for a file: "-600.00", sign first, no grouping.
    public var plainSigned: String { (amountMinor < 0 ? "-" : "") + Money(amountMinor: abs(amountMinor), currency: currency).plainAmount }

    /// The amount as typed in a form field: "600.00".
    public var plainAmount: String {
        String(formatted.split(separator: " ").last ?? "").replacingOccurrences(of: ",", with: "")
    }
}

extension BriefInput {
    /// The form fields that show `brief` for editing; `skillLabels` maps skill URIs to labels.
    public init(brief: Brief, skillLabels: [String: String], partnerSlugs: [String], invitedEmails: [String]) {
        var f: [String: String] = [
            "title": brief.title, "summary": brief.summary, "body": brief.body,
            "estimatedHours": String(brief.estimatedHours), "durationWeeks": String(brief.durationWeeks),
            "slots": String(brief.slots), "pay": brief.pay.plainAmount, "currency": brief.pay.currency,
            "classification": brief.classification?.rawValue ?? "", "locationMode": brief.locationMode.rawValue,
            "place": brief.place, "timeZone": brief.timeZone ?? "", "visibility": brief.visibility.rawValue,
            "applicationDeadline": Self.dayString(brief.applicationDeadline), "startDate": Self.dayString(brief.startDate),
            "screeningQuestions": brief.screeningQuestions.joined(separator: "\n"), "accommodations": brief.accommodations,
            "partners": partnerSlugs.joined(separator: "\n"), "invitedEmails": invitedEmails.joined(separator: "\n"),
        ]
        for kind in brief.agreements { f["agreement.\(kind.rawValue)"] = "on" }
        for (index, deliverable) in brief.deliverables.prefix(Self.maxDeliverables).enumerated() {
            f["deliverable.\(index).title"] = deliverable.title
            f["deliverable.\(index).description"] = deliverable.description
            f["deliverable.\(index).due"] = String(deliverable.dueOffsetDays)
            f["deliverable.\(index).weight"] = String(deliverable.weight)
        }
        for (index, criterion) in brief.rubric.prefix(Self.maxCriteria).enumerated() {
            f["criterion.\(index).title"] = criterion.title
            f["criterion.\(index).weight"] = String(criterion.weight)
            for (level, text) in criterion.levels.prefix(RubricCriterion.levelCount).enumerated() {
                f["criterion.\(index).level\(level + 1)"] = text
            }
        }
        for (index, skill) in brief.skills.prefix(Self.maxSkills).enumerated() {
            f["skill.\(index).label"] = skillLabels[skill.uri] ?? ""
            f["skill.\(index).level"] = String(skill.level)
            if skill.required { f["skill.\(index).required"] = "on" }
        }
        for (factor, answer) in brief.internTest?.answers ?? [:] {
            f["intern.\(factor.rawValue).holds"] = answer.holds ? "yes" : "no"
            f["intern.\(factor.rawValue).why"] = answer.explanation
        }
        self.init(f)
    }

    /// The value of one field, for showing the form again.
    public subscript(_ name: String) -> String { fields[name] ?? "" }
}
