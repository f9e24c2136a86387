import Foundation

/// What a candidate sends to apply: an answer to each of the project's screening questions, an
/// optional cover note, and up to three links to earlier work. Field names are the form's and
/// the API's alike: `answers.N`, `coverNote`, `portfolio.N`.
public struct ApplicationInput: Sendable, Equatable {
    public static let maxAnswerLength = 2000
    public static let maxCoverNoteLength = 2000
    public static let maxPortfolioItems = 3

    public var answers: [String]
    public var coverNote: String
    public var portfolio: [String]

    public init(answers: [String], coverNote: String = "", portfolio: [String] = []) {
        self.answers = answers
        self.coverNote = coverNote
        self.portfolio = portfolio
    }

    /// Reads the apply form, which has one answer field per question and three link fields. Blank
    /// links keep their rows, so that each field comes back with its own value and error.
    public init(form: [String: String], questionCount: Int) {
        answers = (0..<questionCount).map { form["answers.\($0)"] ?? "" }
        coverNote = form["coverNote"] ?? ""
        portfolio = (0..<Self.maxPortfolioItems).map { form["portfolio.\($0)"] ?? "" }
    }

    /// The input trimmed, without blank links, or every problem at once, each named by the
    /// position it was sent in. Each question needs an answer.
    public func validated(questionCount: Int) throws(ValidationFailure) -> ApplicationInput {
        var v = Validator()
        v.check(answers.count == questionCount, "answers", "Answer each of the \(questionCount) screening questions.")
        let answers = answers.enumerated().map { index, answer in
            v.required(answer, "answers.\(index)", label: "The answer to question \(index + 1)", maxLength: Self.maxAnswerLength)
        }
        let note = TextInput.trimmed(coverNote)
        v.check(TextInput.isStorable(note), "coverNote", "The cover note contains control characters; remove them.")
        v.check(coverNote.unicodeScalars.count <= Self.maxCoverNoteLength, "coverNote",
                "The cover note must be at most \(Self.maxCoverNoteLength) characters.")
        v.check(portfolio.count <= Self.maxPortfolioItems, "portfolio", "Choose at most \(Self.maxPortfolioItems) pieces of work.")
        let links = portfolio.enumerated().map { index, link in
            v.httpsLink(link, "portfolio.\(index)", label: "Work sample \(index + 1)", hosts: nil)
        }.filter { !$0.isEmpty }
        try v.finish()
        return ApplicationInput(answers: answers, coverNote: note, portfolio: links)
    }
}
