import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A scorecard as a form or the API sends it, checked against the rubric when it is used.
public struct ScorecardDraft: Sendable, Equatable {
    public var levels: [String]
    public var comments: [String]
    public var note: String

    public init(levels: [String], comments: [String], note: String) {
        self.levels = levels
        self.comments = comments
        self.note = note
    }

    func checked(against rubric: [RubricCriterion]) throws -> Scorecard {
        try Scorecard(levels: levels, comments: comments, note: note, rubric: rubric)
    }
}

/// How a project's versions are reviewed, and scoring them: run the same from pages, the API and jobs.
public enum ReviewsService {
    /// The project's review settings, its reviewers in order, and the members who could be reviewers.
    public static func settings(of projectID: ProjectID, _ ctx: ActionContext) async throws
        -> (project: ProjectRecord, reviewers: [UserRecord], members: [MemberRecord]) {
        let project = try await ProjectAuthors.authoredProject(projectID, ctx)
        let reviewers = try await Reviews.reviewers(of: projectID.uuid, on: ctx.db).map(\.user)
        return (project, reviewers, try await Organizations.members(of: project.$organization.id, on: ctx.db))
    }

    /// Saves the settings and the reviewers (members of the project's organization, in order).
    /// New settings apply to versions handed in from now on; panels already drawn stay.
    public static func updateSettings(_ settings: ReviewSettings, reviewers: [UserID], of projectID: ProjectID,
                                      _ ctx: ActionContext) async throws {
        let project = try await ProjectAuthors.authoredProject(projectID, ctx)
        let members = Set(try await Organizations.members(of: project.$organization.id, on: ctx.db).map(\.$user.id))
        var seen = Set<UUID>()
        let chosen = reviewers.map(\.uuid).filter { seen.insert($0).inserted }
        guard chosen.allSatisfy(members.contains) else {
            throw ValidationFailure([FieldError("reviewers", "Reviewers must be members of \(project.organization.name).")])
        }
        try await ctx.act(locking: .project(projectID)) { tx in
            guard let fresh = try await ProjectRecord.find(projectID.uuid, on: tx.db) else { throw ActionError.notFound }
            fresh.reviews = settings
            try await fresh.save(on: tx.db)
            try await Reviews.setReviewers(chosen, of: projectID.uuid, at: tx.now, on: tx.db)
            try await tx.audit(.reviewSettingsChanged, by: try await tx.actingUser(), organizationID: fresh.$organization.id,
                               detail: "\(fresh.title): \(settings.panelSize) per version, \(settings.rotation.rawValue), \(chosen.count) reviewers")
        }
    }

    /// Draws the panel for a version just handed in, in its transaction, and asks each reviewer.
    /// Only current members of the organization are drawn.
    static func drawPanel(for submission: SubmissionRecord, of milestone: MilestoneRecord, in engagement: EngagementRecord,
                          _ tx: ActionContext) async throws {
        let projectID = engagement.$project.id
        let members = Set(try await Organizations.members(of: engagement.$organization.id, on: tx.db).map(\.$user.id))
        let pool = try await Reviews.reviewers(of: projectID, on: tx.db).filter { members.contains($0.$user.id) }
        let panel = engagement.project.reviews.panel(from: pool.map(\.user), sequence: try await Reviews.panelsDrawn(in: projectID, on: tx.db))
        try await Reviews.assign(panel.map { try $0.requireID() }, to: submission, projectID: projectID, at: tx.now, on: tx.db)
        let link = tx.mail.links.path(.review(SubmissionID(try submission.requireID())))
        for reviewer in panel {
            try await RemindersService.tell(reviewer, "Please score version \(submission.version) of “\(milestone.title)” on “\(engagement.project.title)”.",
                                            subject: "\(engagement.project.title): a version to score", link: link, tx)
        }
    }

    /// Hands in the acting person's scorecard for the version, once; the managers hear.
    @discardableResult
    public static func score(_ id: SubmissionID, _ draft: ScorecardDraft, _ ctx: ActionContext) async throws -> ScorecardRecord {
        let seat = try await ReviewSeat.load(id, ctx)
        let card = try draft.checked(against: seat.rubric)
        return try await ctx.act(locking: .engagement(seat.engagementID)) { tx in
            let fresh = try await ReviewSeat.load(id, tx)
            try checkScorable(fresh)
            let record = try await Reviews.saveScorecard(card, weightedScore: card.weightedScore(fresh.rubric), by: fresh.userID.uuid,
                                                         for: fresh.submission, engagement: fresh.engagement,
                                                         assignedAt: fresh.assignments.first { $0.$reviewer.id == fresh.userID.uuid }?.assignedAt,
                                                         at: tx.now, on: tx.db)
            try await announce(record, in: fresh, tx)
            return record
        }
    }

    /// The versions the acting person is asked to score and has not yet.
    public static func queue(_ ctx: ActionContext) async throws -> [ReviewAssignmentRecord] {
        guard let principal = ctx.principal else { throw ActionError.notFound }
        return try await Reviews.queue(of: principal.userID, on: ctx.db)
    }

    static func checkScorable(_ seat: ReviewSeat) throws {
        if seat.mine != nil { throw ActionError.conflict("You have scored this version already.") }
        if seat.rubric.isEmpty { throw ActionError.conflict("This project has no rubric to score against.") }
        do throws(EngagementError) {
            try EngagementLifecycle.checkFeedback(engagement: seat.engagement.state, milestone: seat.submission.state)
        } catch {
            throw ActionError.conflict(error.description)
        }
    }

    /// A scorecard is in: audited, sent to the organization's webhooks, and the managers told
    /// how many of the panel have scored (not what they scored).
    static func announce(_ record: ScorecardRecord, in seat: ReviewSeat, _ tx: ActionContext) async throws {
        let progress = try await ReviewSeat.load(seat.submissionID, tx).progress
        let title = seat.engagement.project.title
        let text = "A scorecard for version \(seat.submission.version) of “\(seat.milestone.title)” is in"
            + (progress.asked > 0 ? " (\(progress.scored) of \(progress.asked) reviewers)." : ".")
        try await tx.audit(.reviewSubmitted, by: try await tx.actingUser(), organizationID: seat.engagement.$organization.id,
                           detail: "\(title) · \(seat.milestone.title) v\(seat.submission.version): \(record.weightedScore)/100")
        try await Webhooks.emit(try WebhookEvents.review(record, seat: seat, scored: progress.scored, asked: progress.asked, tx), tx)
        let link = tx.mail.links.path(.review(seat.submissionID))
        let team = try await Engagements.team(of: seat.engagementID.uuid, on: tx.db)
        for user in try await EngagementNews.audience(of: seat.engagement, team: team, except: seat.userID.uuid, on: tx.db)
        where user.id != seat.engagement.$candidate.id {
            try await Notifications.add(userID: try user.requireID(), message: "\(title): \(text)", link: link, at: tx.now, on: tx.db)
        }
    }
}
