import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

extension DTO {
    /// One reviewer's scorecard: a level and a comment per criterion, in the rubric's order.
    struct ReviewScorecard: Content {
        var id: UUID
        var reviewerID: UUID
        var reviewerName: String
        var levels: [Int]
        var comments: [String]
        var note: String
        var weightedScore: Int
        var submittedAt: Date
        /// From being asked to scoring; absent for a manager who scored without being asked.
        var turnaroundSeconds: Int?

        /// `record` with its reviewer loaded.
        init(_ record: ScorecardRecord) {
            let card = record.scorecard
            id = record.id!
            reviewerID = record.$reviewer.id
            reviewerName = record.reviewer.displayName
            levels = card.levels
            comments = card.comments
            note = card.note
            weightedScore = record.weightedScore
            submittedAt = record.submittedAt
            turnaroundSeconds = record.turnaround.map { Int($0) }
        }
    }

    /// The panel's scorecards read together; medians and spreads are empty before anyone has scored.
    struct ReviewPanelSummary: Content {
        var medians: [Double]
        var spreads: [Int]
        var weightedScore: Int?
        var disagrees: Bool

        init(_ panel: ReviewPanel) {
            medians = panel.cards.isEmpty ? [] : panel.medians
            spreads = panel.cards.isEmpty ? [] : panel.spreads
            weightedScore = panel.weightedScore
            disagrees = panel.disagrees
        }
    }

    struct ReviewProgress: Content {
        var scored: Int
        var asked: Int
    }

    /// A version as the token user reviews it. `scorecards` holds only what they may read now:
    /// their own until they have scored (or, for a manager who need not score, the whole panel).
    struct ReviewSheet: Content {
        var submissionID: UUID
        var engagementID: UUID
        var milestoneID: UUID
        var milestoneTitle: String
        var version: Int
        /// The candidate's name, or their application handle when the caller reviews blind.
        var candidate: String
        var blind: Bool
        var role: String
        var rubric: [RubricCriterion]
        var mine: ReviewScorecard?
        var scorecards: [ReviewScorecard]
        var panel: ReviewPanelSummary
        var progress: ReviewProgress
        var canScore: Bool
        var managerMustScore: Bool
        var decided: Bool

        init(_ seat: ReviewSeat) {
            submissionID = seat.submissionID.uuid
            engagementID = seat.engagementID.uuid
            milestoneID = seat.submission.$milestone.id
            milestoneTitle = seat.milestone.title
            version = seat.submission.version
            candidate = seat.candidateLabel
            blind = !seat.showsPerson
            role = seat.role == .manager ? "manager" : "panelist"
            rubric = seat.rubric
            mine = seat.mine.map(ReviewScorecard.init)
            scorecards = seat.visibleCards.map(ReviewScorecard.init)
            panel = ReviewPanelSummary(seat.panel)
            let progress = seat.progress
            self.progress = ReviewProgress(scored: progress.scored, asked: progress.asked)
            canScore = seat.canScore
            managerMustScore = seat.role == .manager && seat.managerMustScore
            decided = seat.isDecided
        }
    }

    /// What a candidate receives once a version is decided: per criterion the panel's median
    /// and the comments; each scorecard's levels (without names) only where the organization shows them.
    struct ReviewResult: Content {
        struct Criterion: Content {
            var title: String
            var weight: Int
            var median: Double
            var comments: [String]
        }

        var criteria: [Criterion]
        var weightedScore: Int?
        var notes: [String]
        var individualLevels: [[Int]]?
        var autoAccepted: Bool

        init(_ result: TryoutApp.ReviewResult) {
            criteria = result.rubric.enumerated().map { index, criterion in
                Criterion(title: criterion.title, weight: criterion.weight,
                          median: result.medians.indices.contains(index) ? result.medians[index] : 0,
                          comments: result.comments.indices.contains(index) ? result.comments[index] : [])
            }
            weightedScore = result.weightedScore
            notes = result.notes
            individualLevels = result.individual
            autoAccepted = result.autoAccepted
        }
    }

    /// A version waiting for the token user's scorecard.
    struct ReviewRequest: Content {
        var submissionID: UUID
        var engagementID: UUID
        var milestoneID: UUID
        var projectID: UUID
        var projectTitle: String
        var version: Int
        var late: Bool
        var submittedAt: Date
        var assignedAt: Date

        /// `record` with its submission and project loaded.
        init(_ record: ReviewAssignmentRecord) {
            submissionID = record.$submission.id
            engagementID = record.$engagement.id
            milestoneID = record.submission.$milestone.id
            projectID = record.$project.id
            projectTitle = record.project.title
            version = record.submission.version
            late = record.submission.late
            submittedAt = record.submission.createdAt
            assignedAt = record.assignedAt
        }
    }

    struct ReviewerSummary: Content {
        var id: UUID
        var name: String
        var email: String
    }

    /// How a project's versions are reviewed, and by whom (in the order panels are drawn).
    struct ReviewSettings: Content {
        var panelSize: Int
        var rotation: TryoutCore.ReviewSettings.Rotation
        var managerScores: Bool
        var blind: Bool
        var autoAcceptDays: Int
        var reviewers: [ReviewerSummary]

        init(_ settings: TryoutCore.ReviewSettings, reviewers: [UserRecord]) {
            panelSize = settings.panelSize
            rotation = settings.rotation
            managerScores = settings.managerScores
            blind = settings.blind
            autoAcceptDays = settings.autoAcceptDays
            self.reviewers = reviewers.map { ReviewerSummary(id: $0.id!, name: $0.displayName, email: $0.email) }
        }
    }

    // MARK: Request bodies

    /// A scorecard as sent: levels are checked against the version's rubric by the service.
    struct ScorecardBody: Decodable {
        var levels: [Int]?
        var comments: [String]?
        var note: String?

        var draft: ScorecardDraft {
            ScorecardDraft(levels: (levels ?? []).map(String.init), comments: comments ?? [], note: note ?? "")
        }
    }

    /// Every field is required: a PUT replaces the settings whole.
    struct ReviewSettingsInput: Decodable {
        var panelSize: Int
        var rotation: String
        var managerScores: Bool
        var blind: Bool
        var autoAcceptDays: Int
        var reviewers: [UUID]

        func settings() throws -> TryoutCore.ReviewSettings {
            try TryoutCore.ReviewSettings(panelSize: String(panelSize), rotation: rotation, managerScores: managerScores, blind: blind,
                                          autoAcceptDays: String(autoAcceptDays))
        }
    }
}

extension DTO.Engagement {
    /// The candidate reads each decided version's review result; the employer's side reads the
    /// scorecards themselves under `/submissions/{id}/reviews`.
    mutating func addReviewResults(_ engagement: EngagementRequest) async throws {
        guard engagement.participant.role == .candidate else { return }
        for m in milestones.indices {
            for v in milestones[m].versions.indices where milestones[m].versions[v].state != .submitted {
                let id = SubmissionID(milestones[m].versions[v].id)
                milestones[m].versions[v].result = try await ReviewsService.result(of: id, in: engagement.participant, engagement.context)
                    .map(DTO.ReviewResult.init)
            }
        }
    }
}
