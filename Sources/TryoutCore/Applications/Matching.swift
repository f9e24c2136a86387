import Foundation

/// What a candidate brings to a match: self-rated skills, skills proven by work accepted on the
/// platform (which weigh more), hours, dates and time zone.
public struct MatchCandidate: Sendable, Equatable {
    public struct Evidence: Sendable, Equatable {
        /// The candidate's own rating, 1–4.
        public var selfRated: Int?
        /// The level shown by completed, accepted work, 1–4.
        public var verified: Int?

        public init(selfRated: Int? = nil, verified: Int? = nil) {
            self.selfRated = selfRated
            self.verified = verified
        }
    }

    public var skills: [String: Evidence]
    public var hoursPerWeek: Int?
    public var availableFrom: Date?
    public var availableTo: Date?
    public var timeZone: TimeZone?

    public init(skills: [String: Evidence], hoursPerWeek: Int? = nil, availableFrom: Date? = nil, availableTo: Date? = nil,
                timeZone: TimeZone? = nil) {
        self.skills = skills
        self.hoursPerWeek = hoursPerWeek
        self.availableFrom = availableFrom
        self.availableTo = availableTo
        self.timeZone = timeZone
    }
}

extension MatchCandidate {
    /// A profile's self-rated skills and availability; skills proven by work come with engagements.
    public init(_ profile: CandidateProfile) {
        var skills = Dictionary(profile.skills.map { ($0.uri, Evidence(selfRated: $0.level)) }, uniquingKeysWith: { first, _ in first })
        for (uri, level) in profile.provenSkills {
            skills[uri, default: Evidence()].verified = level
        }
        self.init(skills: skills,
                  hoursPerWeek: profile.hoursPerWeek, availableFrom: profile.availableFrom, availableTo: profile.availableTo,
                  timeZone: TimeZone(identifier: profile.timeZone))
    }
}

/// What a project asks for, as far as matching goes.
public struct MatchProject: Sendable, Equatable {
    public var skills: [SkillRequirement]
    public var estimatedHours: Int
    public var durationWeeks: Int
    public var startDate: Date?
    public var locationMode: LocationMode
    /// Where the team works, for remote projects.
    public var timeZone: TimeZone?

    public init(skills: [SkillRequirement], estimatedHours: Int, durationWeeks: Int, startDate: Date? = nil,
                locationMode: LocationMode = .remote, timeZone: TimeZone? = nil) {
        self.skills = skills
        self.estimatedHours = estimatedHours
        self.durationWeeks = durationWeeks
        self.startDate = startDate
        self.locationMode = locationMode
        self.timeZone = timeZone
    }

    public init(_ brief: Brief) {
        self.init(skills: brief.skills, estimatedHours: brief.estimatedHours, durationWeeks: brief.durationWeeks,
                  startDate: brief.startDate, locationMode: brief.locationMode, timeZone: brief.timeZone.flatMap(TimeZoneName.zone))
    }
}

/// A score from 0 to 100 and the reasons for it, in words both sides can read.
public struct MatchScore: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case requiredSkills, niceToHaveSkills, hours, dates, timeZone
        }

        public var kind: Kind
        /// Points earned out of `maximum`.
        public var points: Double
        public var maximum: Double
        public var explanation: String
    }

    public var total: Int
    public var parts: [Part]
    /// Required skills the candidate shows no evidence of, by URI.
    public var missingRequired: [String]

    public var explanation: [String] { parts.map(\.explanation) }
}

/// Scores a candidate against a project. Parts that do not apply (no nice-to-have skills, no start
/// date, not remote) drop out, and the rest is scaled to 100.
///
/// Totals are kept on applications to rank applicants (the store's `MatchScores`): a change to
/// how they are computed must ship with a migration that forgets every kept score, or lists keep
/// ranking by the old rule.
public enum Matching {
    static let weights: [MatchScore.Part.Kind: Double] = [
        .requiredSkills: 45, .niceToHaveSkills: 15, .hours: 15, .dates: 10, .timeZone: 15,
    ]
    /// A self-rating counts for this much of the same level proven by work.
    static let selfRatedWeight = 0.6
    /// Working hours each side keeps, in its own time zone, for the overlap.
    static let workingHours = 9..<17
    /// Overlap that counts as enough to work together.
    static let enoughOverlapHours = 4.0

    public static func score(_ candidate: MatchCandidate, for project: MatchProject) -> MatchScore {
        let evidence = project.skills.map { candidate.skills[$0.uri] }
        let shift = candidate.timeZone.flatMap { shiftHours(theirs: $0, project: project) }
        let parts = parts(project, evidence: evidence, hoursPerWeek: candidate.hoursPerWeek, availableFrom: candidate.availableFrom,
                          availableTo: candidate.availableTo, shiftHours: shift, explain: true)
        let missing = zip(project.skills, evidence).filter { $0.0.required && credit($0.1, level: $0.0.level) == 0 }.map(\.0.uri)
        return MatchScore(total: total(parts), parts: parts, missingRequired: missing)
    }

    /// The score out of 100 the parts add up to.
    static func total(_ parts: [MatchScore.Part]) -> Int {
        let possible = parts.reduce(0) { $0 + $1.maximum }
        return possible > 0 ? Int((100 * parts.reduce(0) { $0 + $1.points } / possible).rounded()) : 0
    }

    /// Hours from the project's time zone to the candidate's, on the project's first day; nil
    /// when time zones do not count (not remote, or the project names none).
    static func shiftHours(theirs: TimeZone, project: MatchProject) -> Double? {
        guard project.locationMode == .remote, let ours = project.timeZone else { return nil }
        let day = project.startDate ?? referenceDay
        return Double(theirs.secondsFromGMT(for: day) - ours.secondsFromGMT(for: day)) / 3600
    }

    /// The day time zones are compared on when a project has no start date.
    static let referenceDay = Date(timeIntervalSince1970: 1_767_225_600)

    /// The parts of a score. `evidence` lines up with `project.skills`. Without `explain` the
    /// texts stay empty, for ranking many candidates and explaining only the best.
    static func parts(_ project: MatchProject, evidence: [MatchCandidate.Evidence?], hoursPerWeek: Int?, availableFrom: Date?,
                      availableTo: Date?, shiftHours: Double?, explain: Bool) -> [MatchScore.Part] {
        var parts: [MatchScore.Part] = []
        for required in [true, false] {
            let indices = project.skills.indices.filter { project.skills[$0].required == required }
            guard !indices.isEmpty else { continue }
            let kind: MatchScore.Part.Kind = required ? .requiredSkills : .niceToHaveSkills
            let maximum = weights[kind]!
            let credits = indices.reduce(0.0) { $0 + credit(evidence[$1], level: project.skills[$1].level) }
            var text = ""
            if explain {
                let held = indices.filter { evidence[$0] != nil }.count
                let verified = indices.filter { evidence[$0]?.verified != nil }.count
                text = "\(held) of \(indices.count) \(required ? "required" : "nice-to-have") skills"
                if verified > 0 { text += ", \(verified) verified by completed work" }
            }
            parts.append(.init(kind: kind, points: skillPoints(kind, credits: credits, count: indices.count), maximum: maximum,
                               explanation: text))
        }
        parts.append(hoursPart(hoursPerWeek, project, explain: explain))
        if let start = project.startDate {
            parts.append(datesPart(from: availableFrom, to: availableTo, start: start, weeks: project.durationWeeks, explain: explain))
        }
        if let shiftHours { parts.append(timeZonePart(shiftHours, explain: explain)) }
        return parts
    }

    // The points of each part, shared by the explained score and the candidate pool's fast one.

    static func skillPoints(_ kind: MatchScore.Part.Kind, credits: Double, count: Int) -> Double {
        weights[kind]! * credits / Double(count)
    }

    static func neededHours(_ project: MatchProject) -> Int {
        Int((Double(project.estimatedHours) / Double(max(project.durationWeeks, 1))).rounded(.up))
    }

    static func hoursPoints(_ hoursPerWeek: Int?, needed: Int) -> Double {
        let maximum = weights[.hours]!
        guard let hours = hoursPerWeek else { return maximum / 2 }
        return maximum * (needed > 0 ? min(Double(hours) / Double(needed), 1) : 1)
    }

    static func projectEnd(start: Date, weeks: Int) -> Date {
        start.addingTimeInterval(Double(max(weeks, 1)) * 7 * 86400)
    }

    /// Seconds of the project the candidate is available for.
    static func availableSeconds(from availableFrom: Date?, to availableTo: Date?, start: Date, end: Date) -> Double {
        max(0, min(end, availableTo ?? end).timeIntervalSince(max(start, availableFrom ?? start)))
    }

    static func datesPoints(available: Double, start: Date, end: Date) -> Double {
        weights[.dates]! * available / end.timeIntervalSince(start)
    }

    /// Hours a day both sides work, `shift` being the hours from the project's clock to the candidate's.
    static func overlapHours(_ shift: Double) -> Double {
        let start = Double(workingHours.lowerBound), end = Double(workingHours.upperBound)
        // The candidate's working day on the project's clock; the shift can push it across midnight.
        var overlap = 0.0
        for day in [-24.0, 0, 24] {
            overlap = max(overlap, min(end, end - shift + day) - max(start, start - shift + day))
        }
        return overlap
    }

    static func timeZonePoints(overlap: Double) -> Double {
        weights[.timeZone]! * min(overlap / enoughOverlapHours, 1)
    }

    /// How far the evidence meets `level`: 1 for proven work at or above it; self-ratings count less.
    static func credit(_ evidence: MatchCandidate.Evidence?, level: Int) -> Double {
        guard let evidence else { return 0 }
        let needed = Double(max(level, 1))
        let proven = evidence.verified.map { min(Double($0) / needed, 1) } ?? 0
        let claimed = evidence.selfRated.map { min(Double($0) / needed, 1) * selfRatedWeight } ?? 0
        return max(proven, claimed)
    }

    private static func hoursPart(_ hoursPerWeek: Int?, _ project: MatchProject, explain: Bool) -> MatchScore.Part {
        let needed = neededHours(project)
        var text = ""
        if explain {
            text = hoursPerWeek.map { "Available \($0) h/week of \(needed) needed" } ?? "Hours per week not given; \(needed) needed"
        }
        return .init(kind: .hours, points: hoursPoints(hoursPerWeek, needed: needed), maximum: weights[.hours]!, explanation: text)
    }

    private static func datesPart(from availableFrom: Date?, to availableTo: Date?, start: Date, weeks: Int,
                                  explain: Bool) -> MatchScore.Part {
        let end = projectEnd(start: start, weeks: weeks)
        let available = availableSeconds(from: availableFrom, to: availableTo, start: start, end: end)
        let points = datesPoints(available: available, start: start, end: end)
        var text = ""
        if explain {
            let share = available / end.timeIntervalSince(start)
            text = share >= 1 ? "Available for the whole project"
                : share <= 0 ? "Not available during the project"
                : "Available for \(Int((available / (7 * 86400)).rounded(.down))) of the \(weeks) weeks"
        }
        return .init(kind: .dates, points: points, maximum: weights[.dates]!, explanation: text)
    }

    private static func timeZonePart(_ shift: Double, explain: Bool) -> MatchScore.Part {
        let overlap = overlapHours(shift)
        let text = explain ? (overlap >= 1 ? "Working hours overlap \(Int(overlap)) h a day" : "Working hours do not overlap") : ""
        return .init(kind: .timeZone, points: timeZonePoints(overlap: overlap), maximum: weights[.timeZone]!, explanation: text)
    }
}
