/// Selection rates by voluntary demographic group at shortlist and at offer, with impact ratios
/// as NYC Local Law 144 defines them: a group's rate divided by the highest group's rate.
/// Groups of fewer than 11 people are suppressed (counted, never shown), so that no one can be
/// picked out; people who gave no answer are counted apart.
public enum FairnessReport {
    public enum Dimension: String, Sendable, CaseIterable, Codable {
        case gender
        case raceEthnicity = "race_ethnicity"
        case disability
        case firstGeneration = "first_generation"
        case veteran

        public var label: String {
            switch self {
            case .gender: "Gender"
            case .raceEthnicity: "Race or ethnicity"
            case .disability: "Disability"
            case .firstGeneration: "First-generation student"
            case .veteran: "Veteran"
            }
        }

        /// The answers offered, as stored value and label; no answer is "prefer not to say".
        public var options: [(value: String, label: String)] {
            switch self {
            case .gender: [("woman", "Woman"), ("man", "Man"), ("non_binary", "Non-binary"), ("another", "Another gender")]
            case .raceEthnicity:
                [("hispanic_latino", "Hispanic or Latino"), ("white", "White"), ("black", "Black or African American"),
                 ("asian", "Asian"), ("native_american", "American Indian or Alaska Native"),
                 ("pacific_islander", "Native Hawaiian or Other Pacific Islander"), ("two_or_more", "Two or more races")]
            case .disability, .firstGeneration, .veteran: [("yes", "Yes"), ("no", "No")]
            }
        }
    }

    /// Reads the voluntary form: each dimension blank ("prefer not to say") or one of its options.
    public static func answers(_ form: [String: String]) throws(ValidationFailure) -> [Dimension: String] {
        var v = Validator()
        var answers: [Dimension: String] = [:]
        for dimension in Dimension.allCases {
            guard let value = form[dimension.rawValue], !value.isEmpty else { continue }
            if dimension.options.contains(where: { $0.value == value }) {
                answers[dimension] = value
            } else {
                v.add(FieldError(dimension.rawValue, "Choose one of the answers, or prefer not to say."))
            }
        }
        try v.finish()
        return answers
    }

    public struct Applicant: Sendable, Equatable {
        /// The applicant's own answers; a missing dimension means no answer.
        public var groups: [Dimension: String]
        public var reachedShortlist: Bool
        public var reachedOffer: Bool

        public init(groups: [Dimension: String], reachedShortlist: Bool, reachedOffer: Bool) {
            self.groups = groups
            self.reachedShortlist = reachedShortlist
            self.reachedOffer = reachedOffer
        }
    }

    public struct Rate: Sendable, Equatable {
        public var selected: Int
        public var rate: Double
        /// This rate divided by the highest shown group's rate; nil when no group was selected.
        public var impactRatio: Double?
        public var flagged: Bool { impactRatio.map { $0 < FairnessReport.flagBelow } ?? false }
    }

    public struct Group: Sendable, Equatable {
        public var name: String
        public var applicants: Int
        public var shortlist: Rate
        public var offer: Rate
    }

    public struct Table: Sendable, Equatable {
        public var dimension: Dimension
        /// Groups large enough to show, largest first.
        public var groups: [Group]
        /// People in groups too small to show, and how many such groups there were.
        public var suppressedPeople: Int
        public var suppressedGroups: Int
        /// People who gave no answer for this dimension.
        public var unknown: Int
    }

    public static let minimumGroupSize = 11
    public static let flagBelow = 0.8

    public static func compute(_ applicants: [Applicant]) -> [Table] {
        Dimension.allCases.map { table($0, applicants) }
    }

    static func table(_ dimension: Dimension, _ applicants: [Applicant]) -> Table {
        let answered = Dictionary(grouping: applicants.filter { $0.groups[dimension] != nil }) { $0.groups[dimension]! }
        let shown = answered.filter { $0.value.count >= minimumGroupSize }
        let hidden = answered.filter { $0.value.count < minimumGroupSize }
        func rates(_ reached: (Applicant) -> Bool) -> [String: (Int, Double)] {
            shown.mapValues { people in
                let selected = people.filter(reached).count
                return (selected, Double(selected) / Double(people.count))
            }
        }
        let shortlist = rates(\.reachedShortlist)
        let offer = rates(\.reachedOffer)
        func rate(_ all: [String: (Int, Double)], _ name: String) -> Rate {
            let highest = all.values.map(\.1).max() ?? 0
            let (selected, value) = all[name]!
            return Rate(selected: selected, rate: value, impactRatio: highest > 0 ? value / highest : nil)
        }
        let groups = shown.map { name, people in
            Group(name: name, applicants: people.count, shortlist: rate(shortlist, name), offer: rate(offer, name))
        }.sorted { ($0.applicants, $1.name) > ($1.applicants, $0.name) }
        return Table(dimension: dimension, groups: groups, suppressedPeople: hidden.values.map(\.count).reduce(0, +),
                     suppressedGroups: hidden.count, unknown: applicants.count - answered.values.map(\.count).reduce(0, +))
    }
}
