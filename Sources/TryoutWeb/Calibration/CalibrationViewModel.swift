import Foundation
import TryoutApp
import TryoutCore

/// What the calibration page shows: agreement, its flags in words, and each reviewer's offset.
struct CalibrationViewModel {
    struct Reviewer {
        var name: String
        var meanOffset: Double
        var units: Int
        var flagged: Bool
        /// Median time from being asked to scoring; nil for someone never asked (a manager).
        var turnaround: TimeInterval?
    }

    var scope: String
    var alpha: Double?
    var units: Int
    var flags: [String]
    var reviewers: [Reviewer]

    init(_ report: CalibrationReport) {
        let calibration = report.calibration
        scope = report.scope
        alpha = calibration.alpha
        units = calibration.units
        flags = calibration.flags.map { flag in
            switch flag {
            case .notEnoughData: "Not enough data: fewer than \(Calibration<UUID>.minimumUnits) criteria of versions were scored by two or more reviewers."
            case .lowAgreement: "Low agreement: alpha is below \(Calibration<UUID>.minimumAlpha.formatted()), so the scores cannot be relied on yet."
            case .reviewerOffset: "A reviewer sits more than one level from the panel on average: talk the rubric through together."
            }
        }
        // Reviewers the same distance off show in name order, so the page reads the same each time.
        reviewers = calibration.offsets.map {
            Reviewer(name: report.names[$0.reviewer] ?? "Former member", meanOffset: $0.meanOffset, units: $0.units, flagged: $0.flagged,
                     turnaround: report.turnarounds[$0.reviewer])
        }.sorted { ($1.meanOffset.magnitude, $1.meanOffset, $0.name) < ($0.meanOffset.magnitude, $0.meanOffset, $1.name) }
    }

    static func signed(_ value: Double) -> String {
        (value > 0 ? "+" : value < 0 ? "−" : "") + abs(value).formatted(.number.precision(.fractionLength(2)))
    }
}
