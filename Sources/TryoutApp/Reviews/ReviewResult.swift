import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// What the candidate receives once a version is decided: per criterion the panel's median
/// level and the reviewers' comments, the overall notes, the weighted score, and each
/// scorecard's levels (without names) only where the organization shows them.
public struct ReviewResult: Sendable, Equatable {
    public let rubric: [RubricCriterion]
    public let medians: [Double]
    public let weightedScore: Int?
    /// Per criterion, the comments reviewers left, in the order the scorecards came in.
    public let comments: [[String]]
    public let notes: [String]
    /// Each scorecard's levels, or nil where the organization keeps them to itself.
    public let individual: [[Int]]?
    public let autoAccepted: Bool

    init(rubric: [RubricCriterion], cards: [Scorecard], showIndividual: Bool, autoAccepted: Bool) {
        let panel = ReviewPanel(rubric: rubric, cards: cards)
        self.rubric = rubric
        medians = panel.cards.isEmpty ? [] : panel.medians
        weightedScore = panel.weightedScore
        comments = rubric.indices.map { index in panel.cards.map { $0.comments.indices.contains(index) ? $0.comments[index] : "" }.filter { !$0.isEmpty } }
        notes = panel.cards.map(\.note).filter { !$0.isEmpty }
        individual = showIndividual ? panel.cards.map(\.levels) : nil
        self.autoAccepted = autoAccepted
    }
}

extension ReviewsService {
    /// The result of a decided version for the engagement's candidate; nil while it waits for a
    /// decision, and for the employer's side, who read the scorecards themselves (`ReviewSeat`).
    public static func result(of id: SubmissionID, in participant: EngagementParticipant, _ ctx: ActionContext) async throws -> ReviewResult? {
        guard let submission = try await Submissions.find(id.uuid, engagementID: participant.id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let engagement = participant.engagement
        guard participant.role == .candidate,
              case .result(let individual) = ReviewVisibility.sight(.candidate(decided: submission.state != .submitted,
                                                                               individualScoresShown: engagement.organization.showReviewerScores))
        else { return nil }
        guard let application = try await ApplicationRecord.find(engagement.$application.id, on: ctx.db) else { throw ActionError.notFound }
        let rubric = try await ProjectBriefs.brief(of: engagement.project, version: application.briefVersion, on: ctx.db).rubric
        let cards = try await Reviews.scorecards(of: id.uuid, on: ctx.db).map(\.scorecard)
        return ReviewResult(rubric: rubric, cards: cards, showIndividual: individual, autoAccepted: submission.autoAccepted)
    }
}
