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

    public init(_ brief: Brief, timeZone: TimeZone? = nil) {
        self.init(skills: brief.skills, estimatedHours: brief.estimatedHours, durationWeeks: brief.durationWeeks,
                  startDate: brief.startDate, locationMode: brief.locationMode, timeZone: timeZone)
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
        var parts: [MatchScore.Part] = []
        let required = project.skills.filter(\.required)
        let optional = project.skills.filter { !$0.required }
        if !required.isEmpty { parts.append(skillPart(.requiredSkills, required, candidate, noun: "required")) }
        if !optional.isEmpty { parts.append(skillPart(.niceToHaveSkills, optional, candidate, noun: "nice-to-have")) }
        parts.append(hoursPart(candidate, project))
        if let start = project.startDate { parts.append(datesPart(candidate, start: start, weeks: project.durationWeeks)) }
        if project.locationMode == .remote, let theirs = candidate.timeZone, let ours = project.timeZone {
            parts.append(timeZonePart(theirs, ours, on: project.startDate ?? Date(timeIntervalSince1970: 1_767_225_600)))
        }
        let earned = parts.map(\.points).reduce(0, +)
        let possible = parts.map(\.maximum).reduce(0, +)
        let missing = required.filter { credit(candidate.skills[$0.uri], level: $0.level) == 0 }.map(\.uri)
        return MatchScore(total: possible > 0 ? Int((100 * earned / possible).rounded()) : 0, parts: parts, missingRequired: missing)
    }

    /// How far the evidence meets `level`: 1 for proven work at or above it; self-ratings count less.
    static func credit(_ evidence: MatchCandidate.Evidence?, level: Int) -> Double {
        guard let evidence else { return 0 }
        let needed = Double(max(level, 1))
        let proven = evidence.verified.map { min(Double($0) / needed, 1) } ?? 0
        let claimed = evidence.selfRated.map { min(Double($0) / needed, 1) * selfRatedWeight } ?? 0
        return max(proven, claimed)
    }

    private static func skillPart(_ kind: MatchScore.Part.Kind, _ skills: [SkillRequirement], _ candidate: MatchCandidate,
                                  noun: String) -> MatchScore.Part {
        let maximum = weights[kind]!
        let credits = skills.map { credit(candidate.skills[$0.uri], level: $0.level) }
        let held = skills.filter { candidate.skills[$0.uri] != nil }.count
        let verified = skills.filter { candidate.skills[$0.uri]?.verified != nil }.count
        var text = "\(held) of \(skills.count) \(noun) skills"
        if verified > 0 { text += ", \(verified) verified by completed work" }
        return .init(kind: kind, points: maximum * credits.reduce(0, +) / Double(skills.count), maximum: maximum, explanation: text)
    }

    private static func hoursPart(_ candidate: MatchCandidate, _ project: MatchProject) -> MatchScore.Part {
        let maximum = weights[.hours]!
        let needed = Int((Double(project.estimatedHours) / Double(max(project.durationWeeks, 1))).rounded(.up))
        guard let hours = candidate.hoursPerWeek else {
            return .init(kind: .hours, points: maximum / 2, maximum: maximum, explanation: "Hours per week not given; \(needed) needed")
        }
        let share = needed > 0 ? min(Double(hours) / Double(needed), 1) : 1
        return .init(kind: .hours, points: maximum * share, maximum: maximum,
                     explanation: "Available \(hours) h/week of \(needed) needed")
    }

    private static func datesPart(_ candidate: MatchCandidate, start: Date, weeks: Int) -> MatchScore.Part {
        let maximum = weights[.dates]!
        let end = start.addingTimeInterval(Double(max(weeks, 1)) * 7 * 86400)
        let from = max(start, candidate.availableFrom ?? start)
        let to = min(end, candidate.availableTo ?? end)
        let available = max(0, to.timeIntervalSince(from))
        let share = available / end.timeIntervalSince(start)
        let text = share >= 1 ? "Available for the whole project"
            : share <= 0 ? "Not available during the project"
            : "Available for \(Int((available / (7 * 86400)).rounded(.down))) of the \(weeks) weeks"
        return .init(kind: .dates, points: maximum * share, maximum: maximum, explanation: text)
    }

    private static func timeZonePart(_ theirs: TimeZone, _ ours: TimeZone, on day: Date) -> MatchScore.Part {
        let maximum = weights[.timeZone]!
        // Each side's working day in UTC hours; the shift can push a day across midnight.
        let shift = Double(theirs.secondsFromGMT(for: day) - ours.secondsFromGMT(for: day)) / 3600
        let start = Double(workingHours.lowerBound), end = Double(workingHours.upperBound)
        var overlap = 0.0
        for day in [-24.0, 0, 24] {
            let theirStart = start - shift + day, theirEnd = end - shift + day
            overlap = max(overlap, min(end, theirEnd) - max(start, theirStart))
        }
        let text = overlap >= 1 ? "Working hours overlap \(Int(overlap)) h a day" : "Working hours do not overlap"
        return .init(kind: .timeZone, points: maximum * min(overlap / enoughOverlapHours, 1), maximum: maximum, explanation: text)
    }
}
