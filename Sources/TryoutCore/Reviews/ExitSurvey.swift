import Foundation

/// The candidate's exit survey, once, after the engagement: five ratings from 1 to 5 and a comment.
public struct ExitSurveyInput: Sendable, Equatable, Codable {
    public static let ratings = 1...5
    public static let maxComment = 2000

    /// The questions, as the form and the API name them, with what each asks.
    public static let questions: [(key: String, text: String)] = [
        ("clarity", "How clear was the brief?"),
        ("mentor", "How good was the mentoring?"),
        ("fairness", "How fair was the review of your work?"),
        ("workload", "How well did the workload match the estimate?"),
        ("recommend", "Would you recommend this employer to a friend?"),
    ]

    /// The ratings in the order of `questions`.
    public var ratings: [Int]
    public var comment: String

    public init(ratings: [String: Int?], comment: String) throws(ValidationFailure) {
        var v = Validator()
        for question in Self.questions {
            let rating = ratings[question.key] ?? nil
            v.check(rating.map(Self.ratings.contains) == true, question.key, "Rate “\(question.text)” from 1 to 5.")
        }
        self.comment = TextInput.trimmed(comment)
        v.check(TextInput.isStorable(self.comment) && self.comment.unicodeScalars.count <= Self.maxComment, "comment",
                "The comment must be plain text of at most \(Self.maxComment) characters.")
        try v.finish()
        self.ratings = Self.questions.map { (ratings[$0.key] ?? nil) ?? 0 }
    }
}

/// What an organization reads of its exit surveys: only averages, and only from
/// `minimumResponses`, so that no single candidate's answers can be picked out.
public struct SurveySummary: Sendable, Equatable {
    public static let minimumResponses = 3

    public let responses: Int
    /// The mean rating per question, in the order of `ExitSurveyInput.questions`.
    public let means: [Double]

    /// nil below `minimumResponses`.
    public init?(_ answers: [[Int]]) {
        guard answers.count >= Self.minimumResponses else { return nil }
        responses = answers.count
        means = ExitSurveyInput.questions.indices.map { index in
            Double(answers.reduce(0) { $0 + ($1.indices.contains(index) ? $1[index] : 0) }) / Double(answers.count)
        }
    }

    /// The rating the marketplace shows: how strongly past candidates would recommend (1–5).
    public var recommendation: Double { means.last ?? 0 }
}
