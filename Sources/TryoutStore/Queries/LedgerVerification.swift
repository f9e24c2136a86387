import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// One thing `tryout ledger verify` found wrong.
public enum LedgerDifference: Sendable, Equatable, CustomStringConvertible {
    case cachedBalance(accountID: UUID, kind: String, currency: String, cached: Int64, summed: Int64)
    case unbalancedEntry(entryID: UUID, currency: String, sum: Int64)
    case emptyEntry(entryID: UUID)
    case belowFloor(accountID: UUID, kind: String, currency: String, balance: Int64)

    public var description: String {
        switch self {
        case .cachedBalance(let id, let kind, let currency, let cached, let summed):
            "account \(id) (\(kind), \(currency)): cached balance \(cached), postings sum to \(summed)"
        case .unbalancedEntry(let id, let currency, let sum): "entry \(id): \(currency) postings sum to \(sum), not 0"
        case .emptyEntry(let id): "entry \(id) has no postings"
        case .belowFloor(let id, let kind, let currency, let balance): "account \(id) (\(kind), \(currency)) is at \(balance), below its floor"
        }
    }
}

extension Ledger {
    /// Recomputes everything from the postings and reports every difference: a cached balance
    /// that is not its postings' sum, an entry that does not balance or has no postings, and an
    /// account below its floor. Empty means the ledger is sound.
    public static func verify(on db: any Database) async throws -> [LedgerDifference] {
        let sql = try JobQueue.sqlDatabase(db)
        var differences: [LedgerDifference] = []
        for row in try await sql.raw("""
            SELECT a.id, a.kind, a.currency, a.balance_minor AS cached, CAST(COALESCE(SUM(p.amount_minor), 0) AS BIGINT) AS summed
            FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
            GROUP BY a.id, a.kind, a.currency, a.balance_minor
            HAVING a.balance_minor <> COALESCE(SUM(p.amount_minor), 0)
            """).all(decoding: CachedRow.self) {
            differences.append(.cachedBalance(accountID: row.id, kind: row.kind, currency: row.currency, cached: row.cached, summed: row.summed))
        }
        for row in try await sql.raw("""
            SELECT entry_id, currency, CAST(SUM(amount_minor) AS BIGINT) AS amount FROM postings GROUP BY entry_id, currency HAVING SUM(amount_minor) <> 0
            """).all(decoding: EntrySumRow.self) {
            differences.append(.unbalancedEntry(entryID: row.entry_id, currency: row.currency, sum: row.amount))
        }
        for row in try await sql.raw("""
            SELECT e.id FROM journal_entries e WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id)
            """).all(decoding: IDRow.self) {
            differences.append(.emptyEntry(entryID: row.id))
        }
        for row in try await sql.raw("""
            SELECT a.id, a.kind, a.currency, CAST(SUM(p.amount_minor) AS BIGINT) AS amount FROM ledger_accounts a JOIN postings p ON p.account_id = a.id
            WHERE a.kind <> 'external_funding'
            GROUP BY a.id, a.kind, a.currency, a.credit_limit_minor
            HAVING SUM(p.amount_minor) < CASE WHEN a.kind = 'organization_balance' THEN -a.credit_limit_minor ELSE 0 END
            """).all(decoding: FloorRow.self) {
            differences.append(.belowFloor(accountID: row.id, kind: row.kind, currency: row.currency, balance: row.amount))
        }
        return differences
    }

    /// How many entries and postings the ledger holds, for the verify command's report.
    public static func size(on db: any Database) async throws -> (entries: Int, postings: Int) {
        let sql = try JobQueue.sqlDatabase(db)
        let entries = try await sql.raw("SELECT COUNT(*) AS amount FROM journal_entries").first(decoding: AmountRow.self)?.amount ?? 0
        let postings = try await sql.raw("SELECT COUNT(*) AS amount FROM postings").first(decoding: AmountRow.self)?.amount ?? 0
        return (Int(entries), Int(postings))
    }

    struct CachedRow: Decodable { var id: UUID; var kind: String; var currency: String; var cached: Int64; var summed: Int64 }
    struct EntrySumRow: Decodable { var entry_id: UUID; var currency: String; var amount: Int64 }
    struct FloorRow: Decodable { var id: UUID; var kind: String; var currency: String; var amount: Int64 }
}
