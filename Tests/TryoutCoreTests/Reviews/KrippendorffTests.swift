import Testing
import TryoutCore

@Suite("Krippendorff's alpha")
struct KrippendorffTests {
    /// Krippendorff (2011), section C: four observers, twelve units, missing values. Units read
    /// down the columns; unit 12 has one value and unit 11 two.
    static let reference: [[Double]] = {
        let rows: [[Double?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        return (0..<12).map { unit in rows.compactMap { $0[unit] } }
    }()

    @Test("the published values for every metric", arguments: [
        (Krippendorff.Metric.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797),
    ])
    func reference(metric: Krippendorff.Metric, expected: Double) throws {
        let alpha = try #require(Krippendorff.alpha(Self.reference, metric: metric))
        #expect(abs(alpha - expected) < 0.0005)
    }

    @Test("perfect agreement is 1; a unit with one rating changes nothing")
    func perfectAgreement() {
        #expect(Krippendorff.alpha([[1, 1, 1], [4, 4], [2, 2, 2], [3]], metric: .ordinal) == 1)
    }

    @Test("no variation, or nothing pairable, leaves alpha undefined")
    func undefined() {
        #expect(Krippendorff.alpha([[3, 3], [3, 3, 3]], metric: .ordinal) == nil)
        #expect(Krippendorff.alpha([[1], [2], [4]], metric: .ordinal) == nil)
        #expect(Krippendorff.alpha([], metric: .ordinal) == nil)
    }

    @Test("reviewers who always disagree score below zero")
    func systematicDisagreement() throws {
        let alpha = try #require(Krippendorff.alpha([[1, 4], [4, 1], [1, 4], [4, 1]], metric: .ordinal))
        #expect(alpha < 0)
    }
}
