import Foundation

/// One reviewer's judgement of one version: a level from 1 to 4 and a comment for every
/// criterion of the rubric, in the rubric's order, and an overall note.
public struct Scorecard: Sendable, Equatable, Codable {
    public static let levels = 1...RubricCriterion.levelCount
    public static let maxCommentLength = 2000
    public static let maxNoteLength = 4000

    public var levels: [Int]
    public var comments: [String]
    public var note: String

    public init(levels: [Int], comments: [String], note: String) {
        self.levels = levels
        self.comments = comments
        self.note = note
    }

    /// Checks a scorecard as a form or the API sends it: `levels.N` and `comments.N` per criterion
    /// of `rubric`, in its order. A level missing or out of 1–4 is a field error on that criterion.
    public init(levels raw: [String], comments: [String], note: String, rubric: [RubricCriterion]) throws(ValidationFailure) {
        var v = Validator()
        v.check(raw.count <= rubric.count && comments.count <= rubric.count, "levels", "Score the \(rubric.count) criteria of the rubric, no more.")
        var levels: [Int] = []
        var kept: [String] = []
        for (index, criterion) in rubric.enumerated() {
            let level = index < raw.count ? Int(TextInput.trimmed(raw[index])) : nil
            v.check(level.map(Self.levels.contains) == true, "levels.\(index)", "Choose a level from 1 to 4 for “\(criterion.title)”.")
            levels.append(level ?? 0)
            let comment = index < comments.count ? TextInput.trimmed(comments[index]) : ""
            v.check(TextInput.isStorable(comment), "comments.\(index)", "The comment contains control characters; remove them.")
            v.check(comment.unicodeScalars.count <= Self.maxCommentLength, "comments.\(index)",
                    "A comment must be at most \(Self.maxCommentLength) characters.")
            kept.append(comment)
        }
        let note = TextInput.trimmed(note)
        v.check(TextInput.isStorable(note), "note", "The note contains control characters; remove them.")
        v.check(note.unicodeScalars.count <= Self.maxNoteLength, "note", "The note must be at most \(Self.maxNoteLength) characters.")
        try v.finish()
        self.init(levels: levels, comments: kept, note: note)
    }

    /// 0–100, each criterion's level counted as a share of its weight.
    public func weightedScore(_ rubric: [RubricCriterion]) -> Int {
        RubricScore.weighted(levels.map(Double.init), weights: rubric.map(\.weight))
    }
}

/// The arithmetic of a rubric: levels 1–4 become 0–100, each criterion by its weight.
public enum RubricScore {
    /// Level 1 counts 0 % of a criterion's weight, 4 counts 100 %, evenly between. Weights are
    /// normalised, so a rubric whose weights do not add up to 100 still scores 0–100; medians such
    /// as 2.5 count between their levels.
    public static func weighted(_ levels: [Double], weights: [Int]) -> Int {
        let pairs = zip(levels, weights).filter { $0.1 > 0 }
        let total = pairs.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return 0 }
        let top = Double(RubricCriterion.levelCount - 1)
        let score = pairs.reduce(0.0) { $0 + Double($1.1) * ($1.0 - 1) / top } * 100 / Double(total)
        return Int(score.rounded())
    }

    /// The middle of the levels given; between two middles, halfway.
    public static func median(_ levels: [Int]) -> Double? {
        let sorted = levels.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? Double(sorted[middle - 1] + sorted[middle]) / 2 : Double(sorted[middle])
    }
}
