import Foundation

/// Krippendorff's alpha: how far reviewers agree beyond what chance would give, from 1 (perfect)
/// through 0 (chance) to below 0 (systematic disagreement). Computed from the coincidence matrix
/// as in Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): any number of
/// reviewers, missing ratings allowed; a unit counts only with at least two ratings.
public enum Krippendorff {
    /// How unlike two values are. Rubric levels are ordered but not evenly spaced, so reviews use
    /// `.ordinal`; the others are here to check the computation against the published values.
    public enum Metric: Sendable {
        case nominal, ordinal, interval, ratio
    }

    /// Alpha for `units`, each the ratings one unit received (missing ones left out). Nil when it
    /// is undefined: fewer than two ratings in every unit, or a single value throughout, where
    /// there is no disagreement to expect.
    public static func alpha(_ units: [[Double]], metric: Metric) -> Double? {
        let pairable = units.filter { $0.count >= 2 }
        let values = Array(Set(pairable.joined())).sorted()
        guard values.count >= 2 else { return nil }
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        // o[c][k]: how often c and k were given to one unit by two different reviewers, each unit
        // weighing 1 / (ratings − 1) so that every unit contributes as many pairs as ratings.
        var coincidences = Array(repeating: Array(repeating: 0.0, count: values.count), count: values.count)
        for unit in pairable {
            let weight = 1 / Double(unit.count - 1)
            for (i, first) in unit.enumerated() {
                for (j, second) in unit.enumerated() where i != j {
                    coincidences[index[first]!][index[second]!] += weight
                }
            }
        }
        let marginals = coincidences.map { $0.reduce(0, +) }
        let total = marginals.reduce(0, +)
        var observed = 0.0, expected = 0.0
        for c in values.indices {
            for k in values.indices where c != k {
                let distance = squaredDistance(c, k, values: values, marginals: marginals, metric: metric)
                observed += coincidences[c][k] * distance
                expected += marginals[c] * marginals[k] * distance
            }
        }
        observed /= total
        expected /= total * (total - 1)
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    /// δ² between the values at `c` and `k`. The ordinal distance counts how many ratings lie
    /// between the two ranks (half of each end), so it depends on how the levels were used.
    private static func squaredDistance(_ c: Int, _ k: Int, values: [Double], marginals: [Double], metric: Metric) -> Double {
        let a = values[c], b = values[k]
        switch metric {
        case .nominal:
            return 1
        case .interval:
            return (a - b) * (a - b)
        case .ratio:
            return a + b == 0 ? 0 : ((a - b) / (a + b)) * ((a - b) / (a + b))
        case .ordinal:
            let low = min(c, k), high = max(c, k)
            let between = marginals[low...high].reduce(0, +) - (marginals[c] + marginals[k]) / 2
            return between * between
        }
    }
}
