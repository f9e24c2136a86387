import Foundation

/// How well an organization's reviewers agree, from every unit (one criterion of one version)
/// that at least two of them scored: Krippendorff's alpha on the ordinal levels, and how far each
/// reviewer sits from the panel's median on average. It says who to calibrate, not who is right.
public struct Calibration<Reviewer: Hashable & Sendable>: Sendable {
    /// Below this, agreement is too low to rely on the scores (Krippendorff's lowest bound for tentative conclusions).
    public static var minimumAlpha: Double { 0.667 }
    /// A reviewer further than this from the median, on average, reads the rubric differently.
    public static var maximumOffset: Double { 1 }
    /// Fewer units than this say too little to judge.
    public static var minimumUnits: Int { 10 }

    public struct Rating: Sendable, Equatable {
        public var reviewer: Reviewer
        public var submission: UUID
        public var criterion: Int
        public var level: Int

        public init(reviewer: Reviewer, submission: UUID, criterion: Int, level: Int) {
            self.reviewer = reviewer
            self.submission = submission
            self.criterion = criterion
            self.level = level
        }

        var unit: CalibrationUnit { CalibrationUnit(submission: submission, criterion: criterion) }
    }

    public struct Offset: Sendable, Equatable {
        public var reviewer: Reviewer
        /// Mean of (their level − the unit's median), in levels: above 0 is more generous.
        public var meanOffset: Double
        public var units: Int
        public var flagged: Bool { abs(meanOffset) > Calibration.maximumOffset }
    }

    public enum Flag: Sendable, Equatable {
        case notEnoughData
        case lowAgreement
        case reviewerOffset
    }

    /// Ratings of units scored by at least two reviewers: the ones alpha and offsets use.
    public let ratings: [Rating]
    public let units: Int
    public let alpha: Double?
    public let offsets: [Offset]

    public init(_ all: [Rating]) {
        let grouped = Dictionary(grouping: all, by: \.unit).filter { $0.value.count >= 2 }
        ratings = all.filter { grouped[$0.unit] != nil }
        units = grouped.count
        alpha = Krippendorff.alpha(grouped.values.map { $0.map { Double($0.level) } }, metric: .ordinal)
        var sums: [Reviewer: (total: Double, count: Int)] = [:]
        for unit in grouped.values {
            let median = RubricScore.median(unit.map { $0.level }) ?? 0
            for rating in unit {
                let sum = sums[rating.reviewer, default: (0, 0)]
                sums[rating.reviewer] = (sum.total + Double(rating.level) - median, sum.count + 1)
            }
        }
        offsets = sums.map { Offset(reviewer: $0.key, meanOffset: $0.value.total / Double($0.value.count), units: $0.value.count) }
            // Furthest first; between equal distances, the generous side first, then the busier reviewer.
            .sorted { (abs($0.meanOffset), $0.meanOffset, $0.units) > (abs($1.meanOffset), $1.meanOffset, $1.units) }
    }

    /// What the owner should look at, most basic first.
    public var flags: [Flag] {
        if units < Self.minimumUnits { return [.notEnoughData] }
        var flags: [Flag] = []
        if let alpha, alpha < Self.minimumAlpha { flags.append(.lowAgreement) }
        if offsets.contains(where: \.flagged) { flags.append(.reviewerOffset) }
        return flags
    }
}

/// One criterion of one version: what several reviewers scored and alpha compares.
public struct CalibrationUnit: Hashable, Sendable {
    public var submission: UUID
    public var criterion: Int
}
