import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// One scorecard as a page shows it: by the reviewer's name on the employer's side, as
/// "Reviewer N" to the candidate.
struct ScorecardView: Sendable {
    var reviewer: String
    var levels: [Int]
    var comments: [String]
    var note: String
    var weightedScore: Int
}

/// The scorecards of a version that the person may read now, read together, and how many of
/// the asked reviewers have scored (a count everyone on the employer's side may see).
struct PanelView: Sendable {
    var rubric: [RubricCriterion]
    var cards: [ScorecardView]
    var medians: [Double]
    var spreads: [Int]
    var weightedScore: Int?
    var disagrees: Bool
    var scored: Int
    var asked: Int

    init(_ seat: ReviewSeat) {
        rubric = seat.rubric
        cards = seat.visibleCards.map {
            ScorecardView(reviewer: $0.reviewer.displayName, levels: $0.scorecard.levels, comments: $0.scorecard.comments,
                          note: $0.scorecard.note, weightedScore: $0.weightedScore)
        }
        let panel = seat.panel
        medians = panel.cards.isEmpty ? [] : panel.medians
        spreads = panel.spreads
        weightedScore = panel.weightedScore
        disagrees = panel.disagrees
        (scored, asked) = seat.progress
    }

    /// "2 of 3 reviewers have scored", or nil when nobody was asked.
    var progressText: String? {
        asked == 0 ? nil : "\(scored) of \(asked) reviewer\(asked == 1 ? " has" : "s have") scored."
    }
}

/// A version as the manager's decision form needs it: whether they score first, and the panel.
struct DecisionView: Sendable {
    var submissionID: SubmissionID
    var mustScore: Bool
    /// A manager who is also on the version's panel scores on the review page, before reading the others.
    var onPanelUnscored: Bool
    var panel: PanelView

    init(_ seat: ReviewSeat) {
        submissionID = seat.submissionID
        mustScore = seat.managerMustScore && seat.mine == nil && !seat.rubric.isEmpty
        onPanelUnscored = !mustScore && seat.mine == nil && seat.assignments.contains { $0.$reviewer.id == seat.userID.uuid }
        panel = PanelView(seat)
    }
}

/// What the candidate reads of a decided version.
struct ResultView: Sendable {
    var rubric: [RubricCriterion]
    var medians: [Double]
    var weightedScore: Int?
    var comments: [[String]]
    var notes: [String]
    var individual: [[Int]]?
    var autoAccepted: Bool

    init(_ result: ReviewResult) {
        rubric = result.rubric
        medians = result.medians
        weightedScore = result.weightedScore
        comments = result.comments
        notes = result.notes
        individual = result.individual
        autoAccepted = result.autoAccepted
    }
}

/// One version on its review page: the work, who did it (as the person may know them), the
/// rubric, and what the person may do or read now.
struct ReviewSeatView: Sendable {
    var submissionID: SubmissionID
    var version: Int
    var milestoneID: MilestoneID
    var milestoneTitle: String
    var projectTitle: String
    var engagementID: EngagementID
    var candidateLabel: String
    var blind: Bool
    var isManager: Bool
    var handedInAt: Date
    var state: MilestoneState
    var note: String
    var links: [String]
    var files: [SubmittedFileRow]
    var canScore: Bool
    var hasScored: Bool
    var panel: PanelView

    init(_ seat: ReviewSeat) throws {
        submissionID = seat.submissionID
        version = seat.submission.version
        milestoneID = MilestoneID(try seat.milestone.requireID())
        milestoneTitle = seat.milestone.title
        projectTitle = seat.engagement.project.title
        engagementID = seat.engagementID
        candidateLabel = seat.candidateLabel
        blind = !seat.showsPerson
        isManager = seat.role == .manager
        handedInAt = seat.submission.createdAt
        state = seat.submission.state
        note = seat.submission.note
        links = seat.submission.links
        files = try seat.submission.files.map { SubmittedFileRow(id: SubmissionFileID(try $0.requireID()), name: $0.name, size: $0.size) }
        // A manager who is neither asked nor required to score reads the panel instead; whoever
        // scores sees the form alone, so no one else's scores are on screen before theirs is in.
        canScore = seat.canScore && (seat.role == .panelist || seat.managerMustScore
                                     || seat.assignments.contains { $0.$reviewer.id == seat.userID.uuid })
        hasScored = seat.mine != nil
        panel = PanelView(seat)
    }
}

/// A line of "Versions to score".
struct QueueRow: Sendable {
    var submissionID: SubmissionID
    var projectTitle: String
    var version: Int
    var handedInAt: Date
    var askedAt: Date

    init(_ assignment: ReviewAssignmentRecord) {
        submissionID = SubmissionID(assignment.$submission.id)
        projectTitle = assignment.project.title
        version = assignment.submission.version
        handedInAt = assignment.submission.createdAt
        askedAt = assignment.assignedAt
    }
}

/// The review settings form's values, as saved or as just sent back.
struct ReviewSettingsForm: Sendable {
    var panelSize: String
    var rotation: String
    var managerScores: Bool
    var blind: Bool
    var autoAcceptDays: String
    var reviewers: [UserID]

    init(_ settings: ReviewSettings, reviewers: [UserID]) {
        panelSize = String(settings.panelSize)
        rotation = settings.rotation.rawValue
        managerScores = settings.managerScores
        blind = settings.blind
        autoAcceptDays = String(settings.autoAcceptDays)
        self.reviewers = reviewers
    }

    init(panelSize: String, rotation: String, managerScores: Bool, blind: Bool, autoAcceptDays: String, reviewers: [UserID]) {
        self.panelSize = panelSize
        self.rotation = rotation
        self.managerScores = managerScores
        self.blind = blind
        self.autoAcceptDays = autoAcceptDays
        self.reviewers = reviewers
    }
}
