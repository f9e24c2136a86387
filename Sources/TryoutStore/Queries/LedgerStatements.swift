import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// One posting of a statement, with its entry.
public struct StatementPosting: Decodable, Sendable {
    public var entry_id: UUID
    public var created_at: Date
    public var kind: String
    public var memo: String
    public var account_kind: String
    public var currency: String
    public var amount_minor: Int64
}

/// The postings behind statements: an organization's by month, a candidate's by year.
public enum LedgerStatements {
    /// Postings on the organization's balance and payroll and on its projects' escrow, and the
    /// fees taken from them, in the period, oldest first.
    public static func organization(_ organizationID: UUID, from: Date, to: Date, on db: any Database) async throws -> [StatementPosting] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT e.id AS entry_id, e.created_at, e.kind, e.memo, a.kind AS account_kind, p.currency, p.amount_minor
            FROM journal_entries e JOIN postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
            WHERE e.organization_id = \(bind: organizationID) AND e.created_at >= \(bind: from) AND e.created_at < \(bind: to)
              AND a.kind IN ('organization_balance', 'organization_payroll', 'project_escrow', 'platform_fees')
            ORDER BY e.created_at, e.id, a.kind
            """).all(decoding: StatementPosting.self)
    }

    /// Postings on the candidate's payable account in the period, oldest first.
    public static func candidate(_ candidateID: UUID, from: Date, to: Date, on db: any Database) async throws -> [StatementPosting] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT e.id AS entry_id, e.created_at, e.kind, e.memo, a.kind AS account_kind, p.currency, p.amount_minor
            FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
            WHERE a.kind = 'candidate_payable' AND a.owner_id = \(bind: candidateID)
              AND p.created_at >= \(bind: from) AND p.created_at < \(bind: to)
            ORDER BY e.created_at, e.id
            """).all(decoding: StatementPosting.self)
    }

    /// The pay released so far to each of the candidate's engagements (to their payable or to
    /// the employer's payroll), by engagement.
    public static func releasedByEngagement(candidateID: UUID, on db: any Database) async throws -> [UUID: Int64] {
        let sql = try JobQueue.sqlDatabase(db)
        let rows = try await sql.raw("""
            SELECT e.engagement_id AS id, CAST(SUM(p.amount_minor) AS BIGINT) AS amount
            FROM engagements g JOIN journal_entries e ON e.engagement_id = g.id
            JOIN postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
            WHERE g.candidate_id = \(bind: candidateID) AND e.kind IN ('release', 'reversal')
              AND a.kind IN ('candidate_payable', 'organization_payroll')
            GROUP BY e.engagement_id
            """).all(decoding: Escrows.SettledRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.amount) })
    }
}
