import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A file of a version as it arrived: received into a staging file, not yet checked or stored.
public struct UploadedFile: Sendable {
    public var name: String
    public var staged: URL
    public var size: Int

    public init(name: String, staged: URL, size: Int) {
        self.name = name
        self.staged = staged
        self.size = size
    }
}

/// A version as the candidate sends it: a note, links and the received files.
public struct VersionUpload: Sendable {
    public var note: String
    public var links: [String]
    public var files: [UploadedFile]

    public init(note: String, links: [String], files: [UploadedFile]) {
        self.note = note
        self.links = links
        self.files = files
    }

    /// Removes the staging files that were not moved into storage.
    public func discard() {
        for file in files { try? FileManager.default.removeItem(at: file.staged) }
    }
}

/// Handing in versions of a milestone, feedback on them, and their files.
public enum WorkService {
    /// Decided before any of the body is read: whether this person may hand in work here, that
    /// the milestone is this engagement's and open, and that the size the request declares fits.
    public static func checkSubmittable(_ milestoneID: MilestoneID, declaredBytes: Int?, limits: UploadLimits,
                                        in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try participant.require(.submitWork)
        let engagementID = participant.id.uuid
        guard let milestone = try await Submissions.milestone(milestoneID.uuid, engagementID: engagementID, on: context.db) else {
            throw ActionError.notFound
        }
        let latest = try await Submissions.latest(of: milestoneID.uuid, on: context.db)
        do throws(EngagementError) {
            try EngagementLifecycle.checkSubmit(engagement: participant.engagement.state, milestone: milestone.state,
                                                latestVersion: latest?.version ?? 0, start: participant.engagement.startDate, now: context.now)
        } catch {
            throw ActionError.conflict(error.description)
        }
        guard let declaredBytes else { return }
        let used = try await Submissions.usedBytes(engagementID: engagementID, on: context.db)
        do throws(UploadRefusal) {
            try UploadPolicy.checkDeclared(requestBytes: declaredBytes, usedBytes: used, limits: limits)
        } catch {
            throw ActionError.tooLarge(error.description)
        }
    }

    /// Checks every received file, then, under the engagement's lock, checks the milestone, the
    /// state and the room again, moves the files into storage and registers the version in one
    /// transaction. The caller discards the staged files of a refused version.
    public static func submit(_ milestoneID: MilestoneID, _ version: VersionUpload, storage: any FileStorage, limits: UploadLimits,
                              in participant: EngagementParticipant, _ context: ActionContext) async throws -> SubmissionRecord {
        try participant.require(.submitWork)
        let input = try SubmissionInput(note: version.note, links: version.links, fileCount: version.files.count, maxFiles: limits.filesPerSubmission)
        let accepted = try await checked(version.files, limits: limits, usedBytes: try await Submissions.usedBytes(engagementID: participant.id.uuid, on: context.db))
        return try await participant.perform(nil, context) { move in
            let tx = move.context
            guard let milestone = try await Submissions.milestone(milestoneID.uuid, engagementID: participant.id.uuid, on: tx.db) else {
                throw ActionError.notFound
            }
            let latest = try await Submissions.latest(of: milestoneID.uuid, on: tx.db)
            try EngagementLifecycle.checkSubmit(engagement: move.engagement.state, milestone: milestone.state, latestVersion: latest?.version ?? 0,
                                                start: move.engagement.startDate, now: tx.now)
            let usedNow = try await Submissions.usedBytes(engagementID: participant.id.uuid, on: tx.db)
            do throws(UploadRefusal) {
                try UploadPolicy.checkRoom(adding: accepted.reduce(0) { $0 + $1.upload.size }, usedBytes: usedNow, limits: limits)
            } catch {
                throw ValidationFailure([FieldError("files", error.description)])
            }
            // Moved in only now; should the transaction still fail, the sweep removes them.
            for file in accepted {
                do {
                    try storage.store(staged: file.staged, sha256: file.sha256)
                } catch {
                    tx.db.logger.error("storing a submitted file failed: \(error)")
                    throw ActionError.unavailable("The files could not be stored just now; nothing was submitted. Please try again.")
                }
            }
            let storedFiles = accepted.map { StoredFile(upload: $0.upload, sha256: $0.sha256) }
            let submission = try await Submissions.submit(input, files: storedFiles, to: milestone, at: tx.now, on: tx.db)
            try await ReviewsService.drawPanel(for: submission, of: milestone, in: move.engagement, tx)
            try await Webhooks.emit(try WebhookEvents.submission(submission, of: milestone, in: move.engagement, tx), tx)
            let late = submission.late ? " (late)" : ""
            try await move.tell(.workSubmitted, "\(participant.user.displayName) handed in version \(submission.version) of “\(milestone.title)”\(late).",
                                at: .milestone(participant.id, milestoneID), email: true)
            return submission
        }
    }

    /// Each file's content checks and hash, one file in memory at a time; every refusal is named.
    private static func checked(_ files: [UploadedFile], limits: UploadLimits,
                                usedBytes: Int) async throws -> [(upload: CheckedUpload, staged: URL, sha256: String)] {
        var used = usedBytes
        var checked: [(upload: CheckedUpload, staged: URL, sha256: String)] = []
        var refusals: [FieldError] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file.staged))
            do throws(UploadRefusal) {
                let upload = try UploadPolicy.check(name: file.name, bytes: bytes, usedBytes: used, limits: limits)
                used += upload.size
                checked.append((upload, file.staged, Fingerprint.sha256(bytes: bytes)))
            } catch {
                refusals.append(FieldError("files", error.description))
            }
        }
        if !refusals.isEmpty { throw ValidationFailure(refusals) }
        return checked
    }

    /// The milestone a submission belongs to, for the page to go back to.
    public static func submission(_ id: SubmissionID, in participant: EngagementParticipant, _ context: ActionContext) async throws -> SubmissionRecord {
        guard let submission = try await Submissions.find(id.uuid, engagementID: participant.id.uuid, on: context.db) else { throw ActionError.notFound }
        return submission
    }

    /// The manager's decision on the newest version, made seeing the panel's scorecards. Where the
    /// project wants the manager's own scorecard (always, when it has no reviewers), `scorecard`
    /// carries it and is saved first, in the same transaction; a decision needs at least one.
    public static func feedback(_ submissionID: SubmissionID, _ input: FeedbackInput, scorecard: ScorecardDraft? = nil,
                                in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try participant.require(.giveFeedback)
        let seat = try await ReviewSeat.load(submissionID, context)
        guard seat.engagementID == participant.id else { throw ActionError.notFound }
        let needsCard = seat.mine == nil && !seat.rubric.isEmpty && (scorecard != nil || seat.managerMustScore)
        let card = needsCard ? try (scorecard ?? ScorecardDraft(levels: [], comments: [], note: "")).checked(against: seat.rubric) : nil
        try await participant.perform(.giveFeedback, context) { move in
            let tx = move.context
            guard let submission = try await Submissions.find(submissionID.uuid, engagementID: participant.id.uuid, on: tx.db),
                  let milestone = try await Submissions.milestone(submission.$milestone.id, engagementID: participant.id.uuid, on: tx.db) else {
                throw ActionError.notFound
            }
            let milestoneID = MilestoneID(try milestone.requireID())
            let latest = try await Submissions.latest(of: milestoneID.uuid, on: tx.db)
            guard latest?.id == submission.id else { throw ActionError.conflict("A newer version has been sent; answer that one.") }
            try EngagementLifecycle.checkFeedback(engagement: move.engagement.state, milestone: milestone.state)
            var fresh = try await ReviewSeat.load(submissionID, tx)
            if let card, fresh.mine == nil {
                let record = try await Reviews.saveScorecard(card, weightedScore: card.weightedScore(fresh.rubric), by: fresh.userID.uuid,
                                                             for: fresh.submission, engagement: fresh.engagement, assignedAt: nil,
                                                             at: tx.now, on: tx.db)
                try await ReviewsService.announce(record, in: fresh, tx)
                fresh = try await ReviewSeat.load(submissionID, tx)
            }
            if !fresh.rubric.isEmpty && fresh.cards.isEmpty {
                throw ActionError.conflict("Nobody has scored this version on the rubric yet: wait for the reviewers, or score it yourself.")
            }
            try await Submissions.respond(submission, of: milestone, input, by: participant.userID.uuid, at: tx.now, on: tx.db)
            if input.decision == .accept {
                try await EscrowFlows.release(milestone, of: move.engagement, key: "release:\(milestoneID.uuid)", by: participant.userID.uuid, tx)
            }
            try await Webhooks.emit(try WebhookEvents.submission(submission, of: milestone, in: move.engagement,
                                                                 decision: input.decision.rawValue, tx), tx)
            let verdict = input.decision == .accept ? "accepted" : "needs changes"
            try await move.tell(.feedbackGiven, "\(participant.user.displayName): version \(submission.version) of “\(milestone.title)” \(verdict).",
                                at: .milestone(participant.id, milestoneID), email: true)
        }
    }

    /// A submitted file's record, only for the engagement's people.
    public static func file(_ id: SubmissionFileID, in participant: EngagementParticipant, _ context: ActionContext) async throws -> SubmissionFileRecord {
        guard let file = try await Submissions.file(id.uuid, engagementID: participant.id.uuid, on: context.db) else { throw ActionError.notFound }
        return file
    }
}
