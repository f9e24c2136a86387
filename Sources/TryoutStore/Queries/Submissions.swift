import FluentKit
import Foundation
import TryoutCore

/// A file already written to storage under its hash, ready to be registered with a submission.
public struct StoredFile: Sendable, Equatable {
    public var upload: CheckedUpload
    public var sha256: String

    public init(upload: CheckedUpload, sha256: String) {
        self.upload = upload
        self.sha256 = sha256
    }
}

/// Versions of deliverables and the employer's answers. Each is written with its files in one
/// transaction, so a version is never stored without them.
public enum Submissions {
    /// Stores the next version of the milestone. Call under the engagement's lock.
    public static func submit(_ input: SubmissionInput, files: [StoredFile], to milestone: MilestoneRecord, at now: Date,
                              on db: any Database) async throws -> SubmissionRecord {
        let milestoneID = try milestone.requireID()
        let latest = try await SubmissionRecord.query(on: db).filter(\.$milestone.$id == milestoneID).sort(\.$version, .descending).first()
        let submission = SubmissionRecord()
        submission.$milestone.id = milestoneID
        submission.$engagement.id = milestone.$engagement.id
        submission.version = (latest?.version ?? 0) + 1
        submission.note = input.note
        submission.linkLines = input.links.joined(separator: "\n")
        submission.late = DueDates.isLate(submittedAt: now, due: milestone.dueAt)
        submission.state = .submitted
        submission.createdAt = now
        submission.feedback = ""
        submission.autoAccepted = false
        try await submission.create(on: db)
        for file in files {
            let record = SubmissionFileRecord()
            record.$submission.id = try submission.requireID()
            record.$engagement.id = milestone.$engagement.id
            record.name = file.upload.safeName
            record.kind = file.upload.kind
            record.size = Int64(file.upload.size)
            record.sha256 = file.sha256
            record.createdAt = now
            try await record.create(on: db)
        }
        milestone.state = .submitted
        try await milestone.save(on: db)
        return submission
    }

    /// The employer's answer to the newest version; `userID` nil when nobody decided in time and
    /// it was accepted automatically. Call under the engagement's lock.
    public static func respond(_ submission: SubmissionRecord, of milestone: MilestoneRecord, _ input: FeedbackInput, by userID: UUID?,
                               at now: Date, on db: any Database) async throws {
        let state: MilestoneState = input.decision == .accept ? .accepted : .changesRequested
        submission.state = state
        submission.feedback = input.feedback
        submission.respondedAt = now
        submission.respondedBy = userID
        submission.autoAccepted = userID == nil
        try await submission.save(on: db)
        milestone.state = state
        if state == .accepted { milestone.acceptedAt = now }
        try await milestone.save(on: db)
    }

    /// Every version of the engagement's deliverables with their files, newest first.
    public static func of(engagementID: UUID, on db: any Database) async throws -> [SubmissionRecord] {
        let submissions = try await Versions(id: engagementID).records(on: db)
        try await submissions.withChildren(\.$files, linkedBy: \.$submission, order: "created_at, name, id", on: db)
        return submissions
    }

    /// Kept prepared, as every engagement page reads them.
    struct Versions: KeptRecordsRead {
        typealias Record = SubmissionRecord
        static let condition = "engagement_id = $1 ORDER BY created_at DESC, version DESC"
        var id: UUID
    }

    public static func latest(of milestoneID: UUID, on db: any Database) async throws -> SubmissionRecord? {
        try await SubmissionRecord.query(on: db).filter(\.$milestone.$id == milestoneID).sort(\.$version, .descending).first()
    }

    public static func find(_ id: UUID, engagementID: UUID, on db: any Database) async throws -> SubmissionRecord? {
        try await SubmissionRecord.query(on: db).filter(\.$id == id).filter(\.$engagement.$id == engagementID).with(\.$files).first()
    }

    public static func milestone(_ id: UUID, engagementID: UUID, on db: any Database) async throws -> MilestoneRecord? {
        try await MilestoneRecord.query(on: db).filter(\.$id == id).filter(\.$engagement.$id == engagementID).first()
    }

    public static func file(_ id: UUID, engagementID: UUID, on db: any Database) async throws -> SubmissionFileRecord? {
        try await SubmissionFileRecord.query(on: db).filter(\.$id == id).filter(\.$engagement.$id == engagementID).first()
    }

    /// The hashes of every stored file some version refers to: what a sweep of the files keeps.
    public static func referencedHashes(on db: any Database) async throws -> Set<String> {
        Set(try await SubmissionFileRecord.query(on: db).unique().all(\.$sha256).map { $0.lowercased() })
    }

    /// The bytes the engagement's files take, counted per file as uploaded.
    public static func usedBytes(engagementID: UUID, on db: any Database) async throws -> Int {
        // Summed here: PostgreSQL's SUM of a bigint is a numeric, which does not decode as an integer.
        Int(try await SubmissionFileRecord.query(on: db).filter(\.$engagement.$id == engagementID).all(\.$size).reduce(0, +))
    }
}
