import Foundation

/// The scorecards submitted for one version, read together: what the manager weighs before
/// deciding and what the candidate receives after.
public struct ReviewPanel: Sendable, Equatable {
    public let rubric: [RubricCriterion]
    public let cards: [Scorecard]

    public init(rubric: [RubricCriterion], cards: [Scorecard]) {
        self.rubric = rubric
        self.cards = cards.filter { $0.levels.count == rubric.count }
    }

    /// Per criterion, the panel's median level: the result the candidate receives.
    public var medians: [Double] {
        rubric.indices.map { index in RubricScore.median(cards.map { $0.levels[index] }) ?? 0 }
    }

    /// Per criterion, how many levels apart the highest and lowest scores are.
    public var spreads: [Int] {
        rubric.indices.map { index in
            let levels = cards.map { $0.levels[index] }
            return (levels.max() ?? 0) - (levels.min() ?? 0)
        }
    }

    /// The weighted score of the medians; nil before anyone has scored.
    public var weightedScore: Int? {
        cards.isEmpty ? nil : RubricScore.weighted(medians, weights: rubric.map(\.weight))
    }

    /// A spread of two levels or more on any criterion: the reviewers read the work differently,
    /// which the manager should see before deciding.
    public var disagrees: Bool { spreads.contains { $0 >= 2 } }
}
