import FluentKit
import Foundation
import TryoutCore

/// Who reviews a project's versions, who was asked to score which version, and the scorecards.
public enum Reviews {
    /// The project's reviewers in the order panels are drawn from, with their accounts.
    public static func reviewers(of projectID: UUID, on db: any Database) async throws -> [ProjectReviewerRecord] {
        try await ProjectReviewerRecord.query(on: db).filter(\.$project.$id == projectID).with(\.$user).sort(\.$position).all()
    }

    /// Replaces the project's reviewers by `userIDs`, in that order.
    public static func setReviewers(_ userIDs: [UUID], of projectID: UUID, at now: Date, on db: any Database) async throws {
        try await ProjectReviewerRecord.query(on: db).filter(\.$project.$id == projectID).delete()
        for (position, userID) in userIDs.enumerated() {
            try await ProjectReviewerRecord(projectID: projectID, userID: userID, position: position, at: now).create(on: db)
        }
    }

    /// How many versions of the project have had a panel drawn: where round-robin goes on from.
    public static func panelsDrawn(in projectID: UUID, on db: any Database) async throws -> Int {
        try await ReviewAssignmentRecord.query(on: db).filter(\.$project.$id == projectID).unique().all(\.$submission.$id).count
    }

    public static func assign(_ reviewerIDs: [UUID], to submission: SubmissionRecord, projectID: UUID, at now: Date,
                              on db: any Database) async throws {
        for reviewerID in reviewerIDs {
            try await ReviewAssignmentRecord(submissionID: try submission.requireID(), engagementID: submission.$engagement.id,
                                             projectID: projectID, reviewerID: reviewerID, at: now).create(on: db)
        }
    }

    public static func assignments(of submissionID: UUID, on db: any Database) async throws -> [ReviewAssignmentRecord] {
        try await ReviewAssignmentRecord.query(on: db).filter(\.$submission.$id == submissionID).with(\.$reviewer).sort(\.$assignedAt).all()
    }

    public static func assignment(of submissionID: UUID, to reviewerID: UUID, on db: any Database) async throws -> ReviewAssignmentRecord? {
        try await ReviewAssignmentRecord.query(on: db).filter(\.$submission.$id == submissionID).filter(\.$reviewer.$id == reviewerID).first()
    }

    /// The version's scorecards in the order they came in, with who wrote them.
    public static func scorecards(of submissionID: UUID, on db: any Database) async throws -> [ScorecardRecord] {
        try await ScorecardRecord.query(on: db).filter(\.$submission.$id == submissionID).with(\.$reviewer).sort(\.$submittedAt).sort(\.$id).all()
    }

    /// Stores a scorecard. Call under the engagement's lock, having checked there is none yet.
    public static func saveScorecard(_ card: Scorecard, weightedScore: Int, by reviewerID: UUID, for submission: SubmissionRecord,
                                     engagement: EngagementRecord, assignedAt: Date?, at now: Date, on db: any Database) async throws -> ScorecardRecord {
        let record = ScorecardRecord()
        record.$submission.id = try submission.requireID()
        record.$engagement.id = try engagement.requireID()
        record.$project.id = engagement.$project.id
        record.$organization.id = engagement.$organization.id
        record.$reviewer.id = reviewerID
        record.levelsJSON = String(decoding: try JSONEncoder().encode(card.levels), as: UTF8.self)
        record.commentsJSON = String(decoding: try JSONEncoder().encode(card.comments), as: UTF8.self)
        record.note = card.note
        record.weightedScore = weightedScore
        record.assignedAt = assignedAt
        record.submittedAt = now
        try await record.create(on: db)
        return record
    }

    /// The reviewer's versions still to score: asked, not yet scored, and still waiting for a decision.
    public static func queue(of reviewerID: UUID, on db: any Database) async throws -> [ReviewAssignmentRecord] {
        let scored = try await ScorecardRecord.query(on: db).filter(\.$reviewer.$id == reviewerID).all(\.$submission.$id)
        return try await ReviewAssignmentRecord.query(on: db).filter(\.$reviewer.$id == reviewerID)
            .filter(\.$submission.$id !~ scored)
            .join(SubmissionRecord.self, on: \ReviewAssignmentRecord.$submission.$id == \SubmissionRecord.$id)
            .filter(SubmissionRecord.self, \.$state == .submitted)
            .with(\.$submission).with(\.$project)
            .sort(\.$assignedAt).all()
    }

    /// Reviewers asked since `since` who have not scored, on versions still waiting for a decision.
    public static func unscored(assignedSince since: Date, on db: any Database) async throws -> [ReviewAssignmentRecord] {
        let assignments = try await ReviewAssignmentRecord.query(on: db).filter(\.$assignedAt >= since)
            .join(SubmissionRecord.self, on: \ReviewAssignmentRecord.$submission.$id == \SubmissionRecord.$id)
            .filter(SubmissionRecord.self, \.$state == .submitted)
            .with(\.$submission).with(\.$reviewer).sort(\.$assignedAt).all()
        let scored = Set(try await ScorecardRecord.query(on: db).filter(\.$submission.$id ~~ assignments.map(\.$submission.id))
            .all().map { "\($0.$submission.id)/\($0.$reviewer.id)" })
        return assignments.filter { !scored.contains("\($0.$submission.id)/\($0.$reviewer.id)") }
    }

    /// Every scorecard of the project, or of the organization: what calibration reads.
    public static func scorecards(project projectID: UUID? = nil, organization organizationID: UUID? = nil,
                                  on db: any Database) async throws -> [ScorecardRecord] {
        let query = ScorecardRecord.query(on: db).with(\.$reviewer)
        if let projectID { query.filter(\.$project.$id == projectID) }
        if let organizationID { query.filter(\.$organization.$id == organizationID) }
        return try await query.sort(\.$submittedAt).all()
    }

    /// Versions still waiting for a decision that were handed in before `cutoff`: the candidates
    /// for auto-approval (each project's own number of days is checked by the caller).
    public static func undecided(before cutoff: Date, on db: any Database) async throws -> [SubmissionRecord] {
        try await SubmissionRecord.query(on: db).filter(\.$state == .submitted).filter(\.$createdAt <= cutoff)
            .with(\.$engagement) { $0.with(\.$project) }.sort(\.$createdAt).all()
    }
}
