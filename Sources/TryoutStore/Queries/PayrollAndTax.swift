import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// One release of an employee's pay to the employer's payroll account.
public struct PayrollRelease: Decodable, Sendable {
    public var created_at: Date
    public var employee: String
    public var email: String
    public var memo: String
    public var currency: String
    public var amount_minor: Int64
}

/// What one candidate was paid in a period for one organization's work, as a contractor.
public struct ContractorTotal: Decodable, Sendable {
    public var candidate_id: UUID
    public var name: String
    public var email: String
    public var amount_minor: Int64
}

/// The figures behind an employer's payroll export and its contractors' tax forms.
public enum PayrollAndTax {
    /// Releases to the organization's payroll account in the period, oldest first, named by employee.
    public static func payrollReleases(of organizationID: UUID, from: Date, to: Date, on db: any Database) async throws -> [PayrollRelease] {
        try await JobQueue.sqlDatabase(db).raw("""
            SELECT e.created_at, u.display_name AS employee, u.email, e.memo, p.currency, p.amount_minor
            FROM journal_entries e JOIN postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
            JOIN engagements g ON g.id = e.engagement_id JOIN users u ON u.id = g.candidate_id
            WHERE e.organization_id = \(bind: organizationID) AND e.kind IN ('release', 'reversal') AND a.kind = 'organization_payroll'
              AND e.created_at >= \(bind: from) AND e.created_at < \(bind: to)
            ORDER BY e.created_at, e.id
            """).all(decoding: PayrollRelease.self)
    }

    /// Pay the organization released to contractors' payables in `currency` during the period,
    /// summed per candidate, largest first.
    public static func contractorTotals(of organizationID: UUID, currency: String, from: Date, to: Date, on db: any Database) async throws -> [ContractorTotal] {
        try await JobQueue.sqlDatabase(db).raw("""
            SELECT u.id AS candidate_id, u.display_name AS name, u.email, CAST(SUM(p.amount_minor) AS BIGINT) AS amount_minor
            FROM journal_entries e JOIN postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
            JOIN users u ON u.id = a.owner_id
            WHERE e.organization_id = \(bind: organizationID) AND e.kind IN ('release', 'reversal') AND a.kind = 'candidate_payable'
              AND a.currency = \(bind: currency) AND e.created_at >= \(bind: from) AND e.created_at < \(bind: to)
            GROUP BY u.id, u.display_name, u.email
            HAVING SUM(p.amount_minor) > 0
            ORDER BY amount_minor DESC, u.email
            """).all(decoding: ContractorTotal.self)
    }
}
