import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// A candidate's payable in one currency, split by the organizations whose work earned it, so
/// a payout can tell each organization that the pay it released reached the bank.
public struct OwedCandidate: Sendable, Equatable {
    public var candidateID: UUID
    public var payableMinor: Int64
    public var byOrganization: [UUID: Int64]
}

/// One of a candidate's payouts, summed over the organizations it pays for.
public struct CandidatePayout: Decodable, Sendable {
    public var reference: String
    public var currency: String
    public var state: String
    public var created_at: Date
    public var closed_at: Date?
    public var amount_minor: Int64
}

/// What a paid batch carried for one organization's work.
public struct OrganizationPayout: Decodable, Sendable {
    public var organization_id: UUID
    public var amount_minor: Int64
    public var candidates: Int64
}

/// Payout details and payout batches.
public enum Payouts {
    public static func saveDetails(of userID: UUID, method: String, masked: String, sealed: String, at now: Date, on db: any Database) async throws {
        let record = try await details(of: userID, on: db) ?? PayoutDetailsRecord()
        record.$user.id = userID
        record.method = method
        record.masked = masked
        record.sealed = sealed
        record.updatedAt = now
        try await record.save(on: db)
    }

    public static func details(of userID: UUID, on db: any Database) async throws -> PayoutDetailsRecord? {
        try await PayoutDetailsRecord.query(on: db).filter(\.$user.$id == userID).first()
    }

    public static func details(of userIDs: [UUID], on db: any Database) async throws -> [UUID: PayoutDetailsRecord] {
        guard !userIDs.isEmpty else { return [:] }
        let records = try await PayoutDetailsRecord.query(on: db).filter(\.$user.$id ~~ userIDs).all()
        return Dictionary(records.map { ($0.$user.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every candidate owed money in `currency`: releases by organization less what batches not
    /// cancelled took. A candidate whose split does not add up to the payable (a correction the
    /// split cannot place) is left out rather than paid a guess.
    public static func owed(in currency: String, on db: any Database) async throws -> [OwedCandidate] {
        let sql = try JobQueue.sqlDatabase(db)
        let released = try await sql.raw("""
            SELECT a.owner_id AS candidate_id, e.organization_id, a.balance_minor AS payable, CAST(SUM(p.amount_minor) AS BIGINT) AS amount
            FROM ledger_accounts a JOIN postings p ON p.account_id = a.id JOIN journal_entries e ON e.id = p.entry_id
            WHERE a.kind = 'candidate_payable' AND a.currency = \(bind: currency) AND a.balance_minor > 0 AND e.organization_id IS NOT NULL
            GROUP BY a.owner_id, e.organization_id, a.balance_minor
            """).all(decoding: ShareRow.self)
        let batched = try await sql.raw("""
            SELECT i.candidate_id, i.organization_id, CAST(0 AS BIGINT) AS payable, CAST(SUM(i.amount_minor) AS BIGINT) AS amount
            FROM payout_items i JOIN payout_batches b ON b.id = i.batch_id
            WHERE b.currency = \(bind: currency) AND b.state <> 'cancelled'
            GROUP BY i.candidate_id, i.organization_id
            """).all(decoding: ShareRow.self)
        let taken = Dictionary(batched.map { ("\($0.candidate_id)/\($0.organization_id)", $0.amount) }, uniquingKeysWith: +)
        return Dictionary(grouping: released, by: \.candidate_id).compactMap { candidateID, rows in
            let shares = Dictionary(rows.map { ($0.organization_id, $0.amount - (taken["\(candidateID)/\($0.organization_id)"] ?? 0)) },
                                    uniquingKeysWith: +).filter { $0.value != 0 }
            let payable = rows[0].payable
            guard shares.values.allSatisfy({ $0 > 0 }), shares.values.reduce(0, +) == payable else { return nil }
            return OwedCandidate(candidateID: candidateID, payableMinor: payable, byOrganization: shares)
        }.sorted { $0.candidateID.uuidString < $1.candidateID.uuidString }
    }

    /// Candidates' payables summed per currency, and how many candidates are owed.
    public static func payablesByCurrency(on db: any Database) async throws -> [(total: Money, candidates: Int)] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT currency, CAST(SUM(balance_minor) AS BIGINT) AS amount, CAST(COUNT(*) AS BIGINT) AS candidates
            FROM ledger_accounts WHERE kind = 'candidate_payable' AND balance_minor > 0 GROUP BY currency ORDER BY currency
            """).all(decoding: CurrencyTotalRow.self).map { (Money(amountMinor: $0.amount, currency: $0.currency), Int($0.candidates)) }
    }

    public static func batches(on db: any Database) async throws -> [PayoutBatchRecord] {
        try await PayoutBatchRecord.query(on: db).sort(\.$createdAt, .descending).limit(100).all()
    }

    public static func batch(_ id: UUID, on db: any Database) async throws -> PayoutBatchRecord? {
        try await PayoutBatchRecord.query(on: db).filter(\.$id == id)
            .with(\.$createdBy).with(\.$approvedBy).with(\.$closedBy).first()
    }

    public static func items(of batchID: UUID, on db: any Database) async throws -> [PayoutItemRecord] {
        try await PayoutItemRecord.query(on: db).filter(\.$batch.$id == batchID).sort(\.$candidateID).sort(\.$organizationID).all()
    }

    /// Moves the batch on only from one of `states`; false when another admin moved it first.
    public static func move(_ batchID: UUID, from states: [PayoutBatchState], to state: PayoutBatchState, by userID: UUID,
                            at now: Date, bankReference: String? = nil, on db: any Database) async throws -> Bool {
        let query = PayoutBatchRecord.query(on: db).filter(\.$id == batchID).filter(\.$state ~~ states).set(\.$state, to: state)
        if state == .approved {
            query.set(\.$approvedBy.$id, to: userID).set(\.$approvedAt, to: now)
        } else {
            query.set(\.$closedBy.$id, to: userID).set(\.$closedAt, to: now).set(\.$bankReference, to: bankReference)
        }
        try await query.update()
        return try await PayoutBatchRecord.find(batchID, on: db)?.state == state
    }

    /// The candidate's payouts, newest first.
    public static func of(candidateID: UUID, on db: any Database) async throws -> [CandidatePayout] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT b.reference, b.currency, b.state, b.created_at, b.closed_at, CAST(SUM(i.amount_minor) AS BIGINT) AS amount_minor
            FROM payout_items i JOIN payout_batches b ON b.id = i.batch_id
            WHERE i.candidate_id = \(bind: candidateID)
            GROUP BY b.id, b.reference, b.currency, b.state, b.created_at, b.closed_at
            ORDER BY b.created_at DESC LIMIT 100
            """).all(decoding: CandidatePayout.self)
    }

    /// What the batch paid for each organization's work, and to how many candidates.
    public static func byOrganization(batchID: UUID, on db: any Database) async throws -> [OrganizationPayout] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT organization_id, CAST(SUM(amount_minor) AS BIGINT) AS amount_minor, CAST(COUNT(*) AS BIGINT) AS candidates
            FROM payout_items WHERE batch_id = \(bind: batchID) GROUP BY organization_id ORDER BY organization_id
            """).all(decoding: OrganizationPayout.self)
    }

    struct ShareRow: Decodable { var candidate_id: UUID; var organization_id: UUID; var payable: Int64; var amount: Int64 }
    struct CurrencyTotalRow: Decodable { var currency: String; var amount: Int64; var candidates: Int64 }
}
