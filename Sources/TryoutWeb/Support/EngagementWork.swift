import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The moves inside an engagement, for the pages and the API alike. Each runs under the
/// engagement's lock in one transaction with its notifications, audit entry and state change;
/// a refused move throws 409 with the reason, bad input a `ValidationFailure`.
enum EngagementWork {
    static func sign(_ req: Request, _ context: EngagementContext, agreementID: UUID, _ input: SignatureInput) async throws {
        let side = context.role.side
        try context.require(.sign(side))
        try await locked(req, context) { tx in
            try EngagementLifecycle.checkOpen(context.engagement.state)
            guard let agreement = try await Agreements.find(agreementID, engagementID: context.id, on: tx) else { throw Abort(.notFound) }
            let evidence = SignatureEvidence(side: side, userID: context.userID, name: input.fullName, ip: req.clientIP,
                                             userAgent: String((req.headers.first(name: .userAgent) ?? "").prefix(500)))
            try await Agreements.sign(agreement, evidence, at: req.now, on: tx)
            if side == .employer && context.team.isEmpty {
                // Whoever signs for the employer runs the engagement until the team says otherwise.
                _ = try await Engagements.addToTeam(context.userID, engagementID: context.id, at: req.now, on: tx)
            }
            try await EngagementEvents.record(req, context, .agreementSigned, "\(side.label) signed the \(agreement.kind.label.lowercased()).",
                                              link: .agreement(context.id, agreementID), on: tx)
        }
    }

    /// Issues a new version of an agreement from the organization's current template; both sides sign again.
    static func reissue(_ req: Request, _ context: EngagementContext, agreementID: UUID) async throws {
        try context.require(.sign(.employer))
        try await locked(req, context) { tx in
            try EngagementLifecycle.checkReissue(context.engagement.state)
            guard let agreement = try await Agreements.find(agreementID, engagementID: context.id, on: tx), agreement.supersededAt == nil else {
                throw Abort(.notFound)
            }
            let terms = try await Engagements.terms(of: context.engagement, issued: req.now, on: tx)
            let fresh = try await Agreements.issue(agreement.kind, for: context.engagement, terms: terms, at: req.now, on: tx)
            try await EngagementEvents.record(req, context, .agreementReissued, "A new version of the \(fresh.kind.label.lowercased()) needs signing.",
                                              link: .agreement(context.id, try fresh.requireID()), email: true, on: tx)
        }
    }

    static func tick(_ req: Request, _ context: EngagementContext, itemID: UUID) async throws {
        try await locked(req, context) { tx in
            try EngagementLifecycle.checkWork(context.engagement.state)
            guard let item = try await ChecklistItemRecord.query(on: tx).filter(\.$id == itemID).filter(\.$engagement.$id == context.id).first() else {
                throw Abort(.notFound)
            }
            try context.require(.tick(item.owner))
            guard item.doneAt == nil else { return }
            _ = try await Engagements.tick(itemID, of: context.engagement, by: context.userID, at: req.now, on: tx)
            try await EngagementEvents.record(req, context, .checklistTicked, "Done: \(item.title).", link: .engagement(context.id), on: tx)
        }
    }

    /// Decided before any of the body is read: whether this person may hand in work here, that
    /// the milestone is this engagement's and open, and that what the request declares fits.
    static func checkSubmittable(_ req: Request, _ context: EngagementContext, milestoneID: UUID) async throws {
        try context.require(.submitWork)
        guard let milestone = try await Submissions.milestone(milestoneID, engagementID: context.id, on: req.db) else { throw Abort(.notFound) }
        let latest = try await Submissions.latest(of: milestoneID, on: req.db)
        do {
            try EngagementLifecycle.checkSubmit(engagement: context.engagement.state, milestone: milestone.state, latestVersion: latest?.version ?? 0,
                                                start: context.engagement.startDate, now: req.now)
        } catch let error as EngagementError {
            throw Abort(.conflict, reason: error.description)
        }
        guard let declared = req.headers.first(name: .contentLength).flatMap(Int.init) else { return }
        let used = try await Submissions.usedBytes(engagementID: context.id, on: req.db)
        do throws(UploadRefusal) {
            try UploadPolicy.checkDeclared(requestBytes: declared, usedBytes: used, limits: req.tryout.uploadLimits)
        } catch {
            throw Abort(.payloadTooLarge, headers: ["Connection": "close"], reason: error.description)
        }
    }

    /// Checks every received file, then, under the engagement's lock, checks the milestone, the
    /// state and the room again, moves the files into storage and registers the version in one
    /// transaction. The caller discards the staged files of a refused version.
    static func submit(_ req: Request, _ context: EngagementContext, milestoneID: UUID, _ form: VersionForm) async throws -> SubmissionRecord {
        let files = form.files
        try context.require(.submitWork)
        let limits = req.tryout.uploadLimits
        let input = try SubmissionInput(note: form.note, links: form.links, fileCount: files.count, maxFiles: limits.filesPerSubmission)
        var used = try await Submissions.usedBytes(engagementID: context.id, on: req.db)
        var checked: [(upload: CheckedUpload, staged: URL, sha256: String)] = []
        var refusals: [FieldError] = []
        for file in files {
            // One file in memory at a time, for the content checks and the hash.
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
        let accepted = checked
        let storage = req.tryout.fileStorage
        return try await locked(req, context) { tx in
            guard let milestone = try await Submissions.milestone(milestoneID, engagementID: context.id, on: tx) else { throw Abort(.notFound) }
            let latest = try await Submissions.latest(of: milestoneID, on: tx)
            try EngagementLifecycle.checkSubmit(engagement: context.engagement.state, milestone: milestone.state, latestVersion: latest?.version ?? 0,
                                                start: context.engagement.startDate, now: req.now)
            let usedNow = try await Submissions.usedBytes(engagementID: context.id, on: tx)
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
                    req.logger.error("storing a submitted file failed: \(error)")
                    throw Abort(.serviceUnavailable, reason: "The files could not be stored just now; nothing was submitted. Please try again.")
                }
            }
            let storedFiles = accepted.map { StoredFile(upload: $0.upload, sha256: $0.sha256) }
            let submission = try await Submissions.submit(input, files: storedFiles, to: milestone, at: req.now, on: tx)
            let late = submission.late ? " (late)" : ""
            try await EngagementEvents.record(req, context, .workSubmitted, "Version \(submission.version) of “\(milestone.title)” is in\(late).",
                                              link: .milestone(context.id, milestoneID), email: true, on: tx)
            return submission
        }
    }

    static func feedback(_ req: Request, _ context: EngagementContext, submissionID: UUID, _ input: FeedbackInput) async throws {
        try context.require(.giveFeedback)
        try await locked(req, context) { tx in
            guard let submission = try await Submissions.find(submissionID, engagementID: context.id, on: tx),
                  let milestone = try await Submissions.milestone(submission.$milestone.id, engagementID: context.id, on: tx) else {
                throw Abort(.notFound)
            }
            let latest = try await Submissions.latest(of: try milestone.requireID(), on: tx)
            guard latest?.id == submission.id else { throw Abort(.conflict, reason: "A newer version has been sent; answer that one.") }
            try EngagementLifecycle.checkFeedback(engagement: context.engagement.state, milestone: milestone.state)
            try await Submissions.respond(submission, of: milestone, input, by: context.userID, at: req.now, on: tx)
            let verdict = input.decision == .accept ? "accepted" : "needs changes"
            try await EngagementEvents.record(req, context, .feedbackGiven, "Version \(submission.version) of “\(milestone.title)” \(verdict).",
                                              link: .milestone(context.id, try milestone.requireID()), email: true, on: tx)
        }
    }

    static func terminate(_ req: Request, _ context: EngagementContext, _ input: TerminationInput) async throws {
        try context.require(.terminate)
        let reason = input.reason
        try await locked(req, context) { tx in
            try EngagementLifecycle.checkOpen(context.engagement.state)
            try await Engagements.terminate(context.engagement, reason: reason, by: context.userID, at: req.now, on: tx)
            try await EngagementEvents.record(req, context, .engagementTerminated,
                                              "\(context.role.side.label) ended “\(context.engagement.project.title)” early: \(reason)",
                                              link: .engagement(context.id), email: true, on: tx)
        }
    }

    /// Runs a move under the engagement's lock, reading the engagement afresh first, and moves
    /// its state afterwards. Refusals from Core become 409s.
    static func locked<T: Sendable>(_ req: Request, _ context: EngagementContext,
                                    _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        do {
            return try await DecisionLock.run(engagementID: context.id, on: req.db) { tx in
                guard let fresh = try await EngagementRecord.query(on: tx).filter(\.$id == context.id).first() else { throw Abort(.notFound) }
                context.engagement.state = fresh.state
                let result = try await body(tx)
                try await EngagementEvents.refresh(req, context, on: tx)
                return result
            }
        } catch let error as EngagementError {
            throw Abort(.conflict, reason: error.description)
        }
    }
}
