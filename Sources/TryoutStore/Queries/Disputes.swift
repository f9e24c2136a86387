import FluentKit
import Foundation
import TryoutCore

/// Reading and writing disputes.
public enum Disputes {
    /// A dispute with who opened, answered and decided it, and its engagement's project and candidate.
    public static func find(_ id: UUID, on db: any Database) async throws -> DisputeRecord? {
        try await withPeople(DisputeRecord.query(on: db).filter(\.$id == id)).first()
    }

    /// The engagement's disputes, newest first.
    public static func of(engagementID: UUID, on db: any Database) async throws -> [DisputeRecord] {
        try await withPeople(DisputeRecord.query(on: db).filter(\.$engagement.$id == engagementID)).sort(\.$createdAt, .descending).all()
    }

    /// The open disputes, oldest first: what the platform's admins decide next.
    public static func open(on db: any Database) async throws -> [DisputeRecord] {
        try await withPeople(DisputeRecord.query(on: db).filter(\.$state ~~ DisputeState.allCases.filter(\.isOpen)))
            .sort(\.$createdAt).all()
    }

    /// The disputes decided since `since`, most recent first.
    public static func decided(since: Date, on db: any Database) async throws -> [DisputeRecord] {
        try await withPeople(DisputeRecord.query(on: db).filter(\.$state == .decided).filter(\.$decidedAt >= since))
            .sort(\.$decidedAt, .descending).all()
    }

    /// Disputes still waiting for the other side's answer, opened since `since`.
    public static func unanswered(openedSince since: Date, on db: any Database) async throws -> [DisputeRecord] {
        try await DisputeRecord.query(on: db).filter(\.$state == .awaitingResponse).filter(\.$createdAt >= since).all()
    }

    private static func withPeople(_ query: QueryBuilder<DisputeRecord>) -> QueryBuilder<DisputeRecord> {
        query.with(\.$openedBy).with(\.$answeredBy).with(\.$decidedBy).with(\.$reviewer).with(\.$submission)
            .with(\.$engagement) { $0.with(\.$project).with(\.$candidate).with(\.$organization) }
    }

    /// A version sent back to be decided again: it waits for a decision from now on.
    public static func reopen(_ submission: SubmissionRecord, of milestone: MilestoneRecord, at now: Date, on db: any Database) async throws {
        submission.state = .submitted
        submission.respondedAt = nil
        submission.respondedBy = nil
        submission.reopenedAt = now
        try await submission.save(on: db)
        milestone.state = .submitted
        try await milestone.save(on: db)
    }
}

extension Disputes {
    /// The engagement's versions, messages and check-ins among `items` (all of them when nil):
    /// what a dispute's evidence points at, read as it is now. Anything of another engagement is left out.
    public static func evidence(_ items: [DisputeEvidence]?, of engagementID: UUID, on db: any Database) async throws -> DisputeEvidenceRecords {
        func ids(_ kind: DisputeEvidence.Kind) -> [UUID]? { items.map { $0.filter { $0.kind == kind }.map(\.id) } }
        var versions = SubmissionRecord.query(on: db).filter(\.$engagement.$id == engagementID).with(\.$milestone).with(\.$files)
        var messages = MessageRecord.query(on: db).filter(\.$engagement.$id == engagementID).with(\.$author)
        var checkIns = CheckInRecord.query(on: db).filter(\.$engagement.$id == engagementID)
        if let wanted = ids(.version) { versions = versions.filter(\.$id ~~ wanted) }
        if let wanted = ids(.message) { messages = messages.filter(\.$id ~~ wanted) }
        if let wanted = ids(.checkIn) { checkIns = checkIns.filter(\.$id ~~ wanted) }
        return DisputeEvidenceRecords(versions: try await versions.sort(\.$createdAt).all(), messages: try await messages.sort(\.$createdAt).all(),
                                      checkIns: try await checkIns.sort(\.$startsAt).all())
    }

    /// The reviewers a dispute's decision asked to review a version again: they review it blind.
    public static func reReviewers(of submissionID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await DisputeRecord.query(on: db).filter(\.$submission.$id == submissionID).filter(\.$outcome == .reReview)
            .all().compactMap { $0.$reviewer.id })
    }
}

/// What a dispute's evidence points at, as the engagement's record holds it now.
public struct DisputeEvidenceRecords: Sendable {
    public let versions: [SubmissionRecord]
    public let messages: [MessageRecord]
    public let checkIns: [CheckInRecord]

    public var count: Int { versions.count + messages.count + checkIns.count }
}
