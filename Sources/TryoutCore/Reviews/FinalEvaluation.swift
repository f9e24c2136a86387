import Foundation

/// The manager's view of whether to hire the candidate, after the work.
public enum HireRecommendation: String, Sendable, Codable, CaseIterable {
    case strongNo = "strong_no"
    case no
    case yes
    case strongYes = "strong_yes"

    public var label: String {
        switch self {
        case .strongNo: "Strong no"
        case .no: "No"
        case .yes: "Yes"
        case .strongYes: "Strong yes"
        }
    }
}

/// What the manager records when an engagement completes: the overall rubric result (computed
/// from the accepted versions, changed only with a reason), a hire recommendation, their own
/// satisfaction, and a summary the candidate reads.
public struct FinalEvaluationInput: Sendable, Equatable {
    public static let scores = 0...100
    public static let satisfactions = 1...5
    public static let maxSummary = 4000

    public var overallScore: Int
    public var reason: String
    public var recommendation: HireRecommendation
    public var satisfaction: Int
    public var summary: String

    /// `computed` is the result from the accepted versions' scorecards, nil when none were scored.
    public init(overallScore: Int?, computed: Int?, reason: String, recommendation: String, satisfaction: Int?,
                summary: String) throws(ValidationFailure) {
        var v = Validator()
        v.check(overallScore.map(Self.scores.contains) == true, "overallScore", "Give the overall result from 0 to 100.")
        let chosen = HireRecommendation(rawValue: recommendation)
        v.check(chosen != nil, "recommendation", "Choose a hire recommendation.")
        v.check(satisfaction.map(Self.satisfactions.contains) == true, "satisfaction", "Rate your satisfaction from 1 to 5.")
        self.summary = v.required(summary, "summary", label: "The summary", maxLength: Self.maxSummary)
        self.reason = TextInput.trimmed(reason)
        v.check(TextInput.isStorable(self.reason) && self.reason.unicodeScalars.count <= Self.maxSummary, "reason",
                "The reason must be plain text of at most \(Self.maxSummary) characters.")
        if let overallScore, let computed, overallScore != computed {
            v.check(!self.reason.isEmpty, "reason", "Say why the overall result differs from the \(computed) the scorecards give.")
        }
        try v.finish()
        self.overallScore = overallScore ?? 0
        self.recommendation = chosen ?? .no
        self.satisfaction = satisfaction ?? 1
    }
}

/// Facts taken from the engagement's own record, beside the manager's judgement.
public struct ObjectiveSignals: Sendable, Equatable, Codable {
    /// One deliverable: when it was due, and its versions in order.
    public struct Deliverable: Sendable, Equatable {
        public struct Version: Sendable, Equatable {
            public var handedIn: Date
            public var decidedAt: Date?
            public var changesRequested: Bool

            public init(handedIn: Date, decidedAt: Date?, changesRequested: Bool) {
                self.handedIn = handedIn
                self.decidedAt = decidedAt
                self.changesRequested = changesRequested
            }
        }

        public var dueAt: Date
        public var versions: [Version]

        public init(dueAt: Date, versions: [Version]) {
            self.dueAt = dueAt
            self.versions = versions
        }
    }

    /// Of the deliverables handed in, the share whose first version came by the due date (0–1).
    public var onTimeRate: Double?
    public var versionsPerDeliverable: Double?
    public var hoursLogged: Double
    public var hoursEstimated: Int
    /// From changes being asked for to the next version, the median, in hours.
    public var medianHoursToAnswerFeedback: Double?

    public init(deliverables: [Deliverable], minutesLogged: Int, hoursEstimated: Int) {
        let handedIn = deliverables.filter { !$0.versions.isEmpty }
        onTimeRate = handedIn.isEmpty ? nil
            : Double(handedIn.filter { $0.versions[0].handedIn <= $0.dueAt }.count) / Double(handedIn.count)
        versionsPerDeliverable = handedIn.isEmpty ? nil : Double(handedIn.reduce(0) { $0 + $1.versions.count }) / Double(handedIn.count)
        hoursLogged = Double(minutesLogged) / 60
        self.hoursEstimated = hoursEstimated
        let answers = handedIn.flatMap { deliverable in
            zip(deliverable.versions, deliverable.versions.dropFirst()).compactMap { earlier, next -> Double? in
                guard earlier.changesRequested, let asked = earlier.decidedAt else { return nil }
                return next.handedIn.timeIntervalSince(asked) / 3600
            }
        }
        medianHoursToAnswerFeedback = Median.of(answers)
    }
}

/// The middle of a list of numbers; nil for none.
public enum Median {
    public static func of(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
