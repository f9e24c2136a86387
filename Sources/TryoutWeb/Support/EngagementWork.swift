import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// A file as it arrived in a form or an API request.
struct UploadedFile: Sendable {
    var name: String
    var bytes: [UInt8]

    init(_ file: File) {
        name = file.filename
        bytes = Array(file.data.readableBytesView)
    }
}

/// A version as a `multipart/form-data` form or request sends it: `note`, `links.0`…, `files[]`.
struct VersionForm: Sendable {
    var note: String
    var links: [String]
    var files: [UploadedFile]

    private struct Parts: Content {
        var note: String?
        var files: [File]?
    }

    init(_ req: Request) throws {
        let parts = try req.content.decode(Parts.self)
        note = parts.note ?? ""
        links = (0..<SubmissionInput.maxLinks).map { (try? req.content.get(String.self, at: "links.\($0)")) ?? "" }
        // A file input left empty still sends one nameless, empty part.
        files = (parts.files ?? []).filter { !$0.filename.isEmpty || $0.data.readableBytes > 0 }.map(UploadedFile.init)
    }
}

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

    /// Checks every file before any is stored, stores them by hash, then registers the version
    /// and its files in one transaction: a failure at any point leaves no version behind.
    static func submit(_ req: Request, _ context: EngagementContext, milestoneID: UUID, _ form: VersionForm) async throws -> SubmissionRecord {
        let files = form.files
        try context.require(.submitWork)
        let limits = req.tryout.uploadLimits
        let input = try SubmissionInput(note: form.note, links: form.links, fileCount: files.count, maxFiles: limits.filesPerSubmission)
        var used = try await Submissions.usedBytes(engagementID: context.id, on: req.db)
        var checked: [(CheckedUpload, [UInt8])] = []
        var refusals: [FieldError] = []
        for file in files {
            do {
                let upload = try UploadPolicy.check(name: file.name, bytes: file.bytes, usedBytes: used, limits: limits)
                used += upload.size
                checked.append((upload, file.bytes))
            } catch {
                refusals.append(FieldError("files", error.description))
            }
        }
        if !refusals.isEmpty { throw ValidationFailure(refusals) }
        var stored: [StoredFile] = []
        for (upload, bytes) in checked {
            let hash = Fingerprint.sha256(bytes: bytes)
            do {
                try req.tryout.fileStorage.write(bytes, sha256: hash)
            } catch {
                req.logger.error("storing a submitted file failed: \(error)")
                throw Abort(.serviceUnavailable, reason: "The files could not be stored just now; nothing was submitted. Please try again.")
            }
            stored.append(StoredFile(upload: upload, sha256: hash))
        }
        let storedFiles = stored
        return try await locked(req, context) { tx in
            guard let milestone = try await Submissions.milestone(milestoneID, engagementID: context.id, on: tx) else { throw Abort(.notFound) }
            let latest = try await Submissions.latest(of: milestoneID, on: tx)
            try EngagementLifecycle.checkSubmit(engagement: context.engagement.state, milestone: milestone.state, latestVersion: latest?.version ?? 0)
            let usedNow = try await Submissions.usedBytes(engagementID: context.id, on: tx)
            do throws(UploadRefusal) {
                try UploadPolicy.checkRoom(adding: storedFiles.reduce(0) { $0 + $1.upload.size }, usedBytes: usedNow, limits: limits)
            } catch {
                throw ValidationFailure([FieldError("files", error.description)])
            }
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
