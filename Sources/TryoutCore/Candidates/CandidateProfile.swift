import Foundation

/// What a candidate tells about themself. Employers see it through the blind rules; the
/// accommodations note stays private until an engagement's manager needs it.
public struct CandidateProfile: Equatable, Sendable {
    public struct SkillClaim: Equatable, Sendable {
        public var uri: String
        /// Self-rated, 1 (basic) to 4 (expert).
        public var level: Int

        public init(uri: String, level: Int) {
            self.uri = uri
            self.level = level
        }
    }

    public var headline = ""
    public var skills: [SkillClaim] = []
    public var portfolioURL = ""
    public var githubURL = ""
    public var linkedInURL = ""
    public var hoursPerWeek = 10
    public var availableFrom: Date?
    public var availableTo: Date?
    public var timeZone = "UTC"
    public var location = ""
    public var languages: [String] = []
    public var education = ""
    /// Private to the candidate (and, after acceptance, the engagement's manager).
    public var accommodations = ""
    /// Employers may find the candidate among "people to invite".
    public var discoverable = false
    /// Levels shown by completed engagements, by skill URI: the level each project asked for.
    /// Read from the engagements, never typed in.
    public var provenSkills: [String: Int] = [:]

    public init() {}
}

/// The profile form as typed, flat like the brief form: `skill.0.label`, `skill.0.level`.
public struct CandidateProfileInput: Sendable {
    public struct Parsed: Sendable {
        /// Everything but the skills, which need the taxonomy to resolve their labels.
        public var profile: CandidateProfile
        /// Skills by label, with their form row (N in `skill.N.label`) for errors.
        public var skills: [(row: Int, label: String, level: Int)]
    }

    public static let maxSkills = 20
    public static let maxLanguages = 10

    public var fields: [String: String]

    /// A field named `choose.X` (a "did you mean" button) replaces what was typed in X.
    public init(_ fields: [String: String]) {
        var chosen = fields.filter { !$0.key.hasPrefix(Self.choicePrefix) }
        for (name, value) in fields where name.hasPrefix(Self.choicePrefix) {
            chosen[String(name.dropFirst(Self.choicePrefix.count))] = value
        }
        self.fields = chosen
    }

    /// The prefix of a button that puts its value into the field it names.
    public static let choicePrefix = "choose."

    /// What a new candidate's first steps set besides skills; the rest of the profile can wait.
    public static let firstStepFields: Set<String> = ["hoursPerWeek", "availableFrom", "timeZone"]

    /// The profile with its skills and `firstStepFields` as `posted` has them (a "did you mean"
    /// choice applied) and every other field as it was.
    public func replacingFirstSteps(with posted: [String: String]) -> CandidateProfileInput {
        var merged = fields.filter { !$0.key.hasPrefix("skill.") }
        for (name, value) in posted where name.hasPrefix("skill.") || name.hasPrefix(Self.choicePrefix) || Self.firstStepFields.contains(name) {
            merged[name] = value
        }
        return CandidateProfileInput(merged)
    }

    /// The form fields that show `profile` for editing; `skillLabels` maps skill URIs to labels.
    public init(profile: CandidateProfile, skillLabels: [String: String]) {
        var f: [String: String] = [
            "headline": profile.headline, "location": profile.location, "timeZone": profile.timeZone,
            "hoursPerWeek": String(profile.hoursPerWeek), "availableFrom": BriefInput.dayString(profile.availableFrom),
            "availableTo": BriefInput.dayString(profile.availableTo), "languages": profile.languages.joined(separator: ", "),
            "education": profile.education, "accommodations": profile.accommodations, "portfolioURL": profile.portfolioURL,
            "githubURL": profile.githubURL, "linkedInURL": profile.linkedInURL,
        ]
        if profile.discoverable { f["discoverable"] = "on" }
        for (index, skill) in profile.skills.enumerated() {
            f["skill.\(index).label"] = skillLabels[skill.uri] ?? ""
            f["skill.\(index).level"] = String(skill.level)
        }
        fields = f
    }

    private func text(_ name: String) -> String {
        TextInput.trimmed(fields[name] ?? "")
    }

    public func parse() throws(ValidationFailure) -> Parsed {
        var v = Validator()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) where !TextInput.isStorable(value) {
            v.add(FieldError(name, "This field contains control characters; remove them."))
        }
        var profile = CandidateProfile()
        profile.headline = limited("headline", label: "Headline", 120, &v)
        profile.location = limited("location", label: "Location", 100, &v)
        profile.education = limited("education", label: "Education", 200, &v)
        profile.accommodations = limited("accommodations", label: "Accommodations", 1_000, &v)
        profile.portfolioURL = v.httpsLink(fields["portfolioURL"] ?? "", "portfolioURL", label: "Portfolio", hosts: nil)
        profile.githubURL = v.httpsLink(fields["githubURL"] ?? "", "githubURL", label: "GitHub", hosts: ["github.com"])
        profile.linkedInURL = v.httpsLink(fields["linkedInURL"] ?? "", "linkedInURL", label: "LinkedIn", hosts: ["linkedin.com"])

        let zone = text("timeZone")
        if TimeZoneName.zone(zone) != nil {
            profile.timeZone = zone
        } else {
            v.add(FieldError("timeZone", "Choose a time zone, like Europe/London."))
        }
        if let hours = Int(text("hoursPerWeek")), (1...60).contains(hours) {
            profile.hoursPerWeek = hours
        } else {
            v.add(FieldError("hoursPerWeek", "Hours per week must be a whole number from 1 to 60."))
        }
        profile.availableFrom = day("availableFrom", label: "Available from", &v)
        profile.availableTo = day("availableTo", label: "Available until", &v)
        if let from = profile.availableFrom, let to = profile.availableTo, to < from {
            v.add(FieldError("availableTo", "Available until must not be before available from."))
        }
        // Split on the comma code point: as characters, a comma followed by a combining mark or an
        // emoji modifier would not count as a comma.
        profile.languages = text("languages").unicodeScalars.split(separator: ",")
            .map { TextInput.trimmed(String(String.UnicodeScalarView($0))) }.filter { !$0.isEmpty }
        v.check(profile.languages.count <= Self.maxLanguages && profile.languages.allSatisfy { $0.unicodeScalars.count <= 40 }, "languages",
                "List at most \(Self.maxLanguages) languages of up to 40 characters, separated by commas.")
        // One line each: they are stored one a line.
        v.check(profile.languages.allSatisfy { !$0.unicodeScalars.contains(where: Self.breaksLine) }, "languages",
                "Write the languages on one line, separated by commas.")
        profile.discoverable = fields["discoverable"] != nil

        _ = BriefInput.skillRows(fields, maximum: Self.maxSkills, &v)
        try v.finish()
        return Parsed(profile: profile, skills: skillEntries)
    }

    /// The skill rows by label, readable even when other fields are wrong, so that unknown skills
    /// are reported together with everything else.
    public var skillEntries: [(row: Int, label: String, level: Int)] {
        var ignored = Validator()
        return BriefInput.skillRows(fields, maximum: Self.maxSkills, &ignored).map { (row: $0.index, label: $0.label, level: $0.level) }
    }

    /// Counted as typed, spaces included, as the API document's `maxLength` counts.
    static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || [0x85, 0x2028, 0x2029].contains(scalar.value)
    }

    private func limited(_ name: String, label: String, _ maxLength: Int, _ v: inout Validator) -> String {
        v.check((fields[name] ?? "").unicodeScalars.count <= maxLength, name, "\(label) must be at most \(maxLength) characters.")
        return text(name)
    }

    private func day(_ name: String, label: String, _ v: inout Validator) -> Date? {
        v.day(text(name), name, label: label)
    }
}
