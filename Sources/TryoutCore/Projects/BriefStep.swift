/// The brief editor's steps, in order, and which of the brief form's fields each one edits. A
/// step saves only its own fields, so a long brief is written a screen at a time and nothing
/// typed on one step is lost on another.
public enum BriefStep: String, CaseIterable, Sendable, LosslessStringConvertible {
    case basics, work, skills, terms, audience, screening

    public init?(_ description: String) { self.init(rawValue: description) }
    public var description: String { rawValue }

    public var title: String {
        switch self {
        case .basics: "The brief"
        case .work: "Deliverables and rubric"
        case .skills: "Skills"
        case .terms: "Pay and terms"
        case .audience: "Audience"
        case .screening: "Screening"
        }
    }

    public var next: BriefStep? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)! + 1
        return index < all.count ? all[index] : nil
    }

    /// The partner organizations ticked by name on the audience step, `partner.SLUG`.
    public static let partnerPrefix = "partner."

    /// Field names (and lint findings' names) this step edits, exactly.
    private var names: Set<String> {
        switch self {
        case .basics: ["title", "summary", "body", "estimatedHours", "durationWeeks", "slots", "startDate", "applicationDeadline"]
        case .work: ["deliverables", "rubric"]
        case .skills: ["skills"]
        case .terms: ["pay", "currency", "classification", "locationMode", "place", "timeZone", "agreements", "accommodations", "internTest"]
        case .audience: ["visibility", "partners", "invitedEmails"]
        case .screening: ["screeningQuestions"]
        }
    }

    /// Families of repeated fields this step edits, by the start of their names.
    private var prefixes: [String] {
        switch self {
        case .basics, .screening: []
        case .work: ["deliverable.", "criterion."]
        case .skills: ["skill.", "choose.skill."]
        case .terms: ["agreement.", "intern."]
        case .audience: [Self.partnerPrefix]
        }
    }

    public func holds(_ field: String) -> Bool {
        names.contains(field) || prefixes.contains { field.hasPrefix($0) }
    }

    /// The step where `field`, or a lint finding about it, is edited; the first for a name no step holds.
    public static func step(of field: String) -> BriefStep {
        allCases.first { $0.holds(field) } ?? .basics
    }
}

extension BriefInput {
    /// The input with `step`'s fields as `posted` has them. A field of the step missing from
    /// `posted` (an unticked box) is cleared; anything posted for another step is ignored.
    /// Partners ticked by name join those typed as addresses.
    public func replacing(_ step: BriefStep, with posted: [String: String]) -> BriefInput {
        var result = fields.filter { !step.holds($0.key) }
        let choice = CandidateProfileInput.choicePrefix
        for (name, value) in posted where step.holds(name) && !name.hasPrefix(BriefStep.partnerPrefix) && !name.hasPrefix(choice) {
            result[name] = value
        }
        // A "did you mean" button puts its skill in the row it names, over what was typed there.
        for (name, value) in posted where step.holds(name) && name.hasPrefix(choice) {
            result[String(name.dropFirst(choice.count))] = value
        }
        if step == .audience {
            let ticked = posted.keys.filter { $0.hasPrefix(BriefStep.partnerPrefix) }.map { String($0.dropFirst(BriefStep.partnerPrefix.count)) }
            result["partners"] = ([posted["partners"] ?? ""] + ticked.sorted()).filter { !$0.isEmpty }.joined(separator: "\n")
        }
        return BriefInput(result)
    }

    /// The partner addresses the input names, one per line, lower-cased as they are stored.
    public var partnerSlugs: Set<String> {
        Set((fields["partners"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }
}
