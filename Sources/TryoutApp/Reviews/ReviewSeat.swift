import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// One version as the acting person reviews it: the work, the rubric it is judged by (the brief
/// version the candidate applied to), and the scorecards this person may read now. Loading it is
/// the authorization check: only the engagement's managers and the reviewers asked to score the
/// version find it; everyone else is told it does not exist.
public struct ReviewSeat: Sendable {
    public enum Role: Sendable, Equatable {
        /// Asked to score it.
        case panelist
        /// Runs the engagement and decides.
        case manager
    }

    public let submission: SubmissionRecord
    public let milestone: MilestoneRecord
    public let engagement: EngagementRecord
    public let rubric: [RubricCriterion]
    public let settings: ReviewSettings
    public let role: Role
    public let userID: UserID
    public let assignments: [ReviewAssignmentRecord]
    /// Every scorecard in; read `visibleCards` for what this person may see.
    let cards: [ScorecardRecord]
    /// The applicant's handle, for reviewers who review blind.
    public let handle: String
    /// Asked by a dispute's decision to review the version afresh: always blind.
    public let reviewsAfresh: Bool

    public static func load(_ id: SubmissionID, _ context: ActionContext) async throws -> ReviewSeat {
        guard let principal = context.principal,
              let submission = try await SubmissionRecord.query(on: context.db).filter(\.$id == id.uuid).with(\.$files).first(),
              let engagement = try await Engagements.find(submission.$engagement.id, on: context.db),
              let milestone = try await Submissions.milestone(submission.$milestone.id, engagementID: submission.$engagement.id, on: context.db)
        else { throw ActionError.notFound }
        let assignments = try await Reviews.assignments(of: id.uuid, on: context.db)
        let role: Role
        let team = Set(try await Engagements.team(of: submission.$engagement.id, on: context.db).map(\.$user.id))
        if EngagementAccess.role(of: principal, organizationID: engagement.$organization.id, candidateID: engagement.$candidate.id,
                                 team: team) == .manager {
            role = .manager
        } else if assignments.contains(where: { $0.$reviewer.id == principal.userID }), principal.role(in: engagement.$organization.id) != nil {
            role = .panelist
        } else {
            throw ActionError.notFound
        }
        guard let application = try await ApplicationRecord.find(engagement.$application.id, on: context.db) else { throw ActionError.notFound }
        let brief = try await ProjectBriefs.brief(of: engagement.project, version: application.briefVersion, on: context.db)
        return ReviewSeat(submission: submission, milestone: milestone, engagement: engagement, rubric: brief.rubric,
                          settings: engagement.project.reviews, role: role, userID: UserID(principal.userID), assignments: assignments,
                          cards: try await Reviews.scorecards(of: id.uuid, on: context.db), handle: application.handle,
                          reviewsAfresh: try await Disputes.reReviewers(of: id.uuid, on: context.db).contains(principal.userID))
    }

    public var submissionID: SubmissionID { SubmissionID(submission.id!) }
    public var engagementID: EngagementID { EngagementID(engagement.id!) }

    public var mine: ScorecardRecord? { cards.first { $0.$reviewer.id == userID.uuid } }

    /// The manager must score before seeing the panel when the project asks it, or has no reviewers.
    public var managerMustScore: Bool { settings.managerMustScore(panelIsEmpty: assignments.isEmpty) }

    /// Asked to score this version, whatever else they are: a manager on the panel scores blind to the others too.
    public var isOnPanel: Bool { assignments.contains { $0.$reviewer.id == userID.uuid } }

    public var sight: ReviewVisibility.Sight {
        if isOnPanel || role == .panelist { return ReviewVisibility.sight(.panelist(submitted: mine != nil)) }
        return ReviewVisibility.sight(.manager(mustScore: managerMustScore, submitted: mine != nil))
    }

    /// The scorecards this person may read now: their own until they may see the panel.
    public var visibleCards: [ScorecardRecord] {
        sight == .panel ? cards : cards.filter { $0.$reviewer.id == userID.uuid }
    }

    public var panel: ReviewPanel { ReviewPanel(rubric: rubric, cards: visibleCards.map(\.scorecard)) }

    /// Reviewers other than managers see the handle, not the person, when the project reviews
    /// blind, and always when a dispute asked them to review afresh.
    public var showsPerson: Bool { !reviewsAfresh && (role == .manager || !settings.blind) }

    public var candidateLabel: String { showsPerson ? engagement.candidate.displayName : handle }

    public var isDecided: Bool { submission.state != .submitted }

    /// Whether this person may hand in a scorecard now.
    public var canScore: Bool { mine == nil && !isDecided && !engagement.state.isOver && !rubric.isEmpty }

    /// How many of the asked reviewers have scored, of how many.
    public var progress: (scored: Int, asked: Int) {
        let asked = Set(assignments.map(\.$reviewer.id))
        return (cards.filter { asked.contains($0.$reviewer.id) }.count, asked.count)
    }
}
