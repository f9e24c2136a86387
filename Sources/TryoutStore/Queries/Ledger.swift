import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// The ledger on the database. Entries are only ever added: `post` writes one in the
/// transaction it is given, with the cached balance of every account it touches, so a
/// balance read anywhere is always the sum of its postings.
public enum Ledger {
    /// Owner of the platform's own accounts: the nil UUID keeps the accounts' unique key whole.
    static let platformOwner = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    public enum Outcome: Sendable, Equatable {
        case posted(UUID)
        /// An entry with the same unique key was written before; nothing moved this time.
        case alreadyPosted(UUID)

        public var entryID: UUID {
            switch self {
            case .posted(let id), .alreadyPosted(let id): id
            }
        }
    }

    /// Writes `entry` unless its unique key was recorded already. Each posting's account is
    /// created on first use and its cached balance changed in the same statement; an account
    /// that would fall below its floor makes the database refuse, which throws
    /// `LedgerError.insufficient` and leaves the transaction to roll back.
    @discardableResult
    public static func post(_ entry: JournalEntry, by actorID: UUID?, at now: Date, on db: any Database) async throws -> Outcome {
        // Inside an action's transaction this runs in it; alone, it gets its own, since the
        // postings wait for their entry until the commit.
        try await db.transaction { tx in try await write(entry, by: actorID, at: now, on: tx) }
    }

    private static func write(_ entry: JournalEntry, by actorID: UUID?, at now: Date, on db: any Database) async throws -> Outcome {
        let sql = try JobQueue.sqlDatabase(db)
        if let key = entry.uniqueKey,
           let existing = try await sql.raw("SELECT id FROM journal_entries WHERE unique_key = \(bind: key)").first(decoding: IDRow.self) {
            return .alreadyPosted(existing.id)
        }
        let entryID = UUID()
        do {
            var postingRows: [[any SQLExpression]] = []
            for posting in entry.postings {
                let accountID = try await apply(posting, at: now, on: sql)
                postingRows.append([SQLBind(UUID()), SQLBind(entryID), SQLBind(accountID), SQLBind(posting.account.currency),
                                    SQLBind(posting.amountMinor), SQLBind(now)])
            }
            // Postings first: the entry's row is what seals them (see `CreateLedger`).
            try await sql.insert(into: "postings").columns("id", "entry_id", "account_id", "currency", "amount_minor", "created_at")
                .rows(postingRows).run()
            let refs = entry.references
            try await sql.insert(into: "journal_entries")
                .columns("id", "kind", "memo", "unique_key", "organization_id", "project_id", "engagement_id", "milestone_id",
                         "reverses_id", "actor_id", "created_at")
                .values([SQLBind(entryID), SQLBind(entry.kind.rawValue), SQLBind(entry.memo), SQLBind(entry.uniqueKey),
                         SQLBind(refs.organizationID), SQLBind(refs.projectID), SQLBind(refs.engagementID), SQLBind(refs.milestoneID),
                         SQLBind(refs.reverses), SQLBind(actorID), SQLBind(now)])
                .run()
        } catch where isFloorViolation(error) {
            throw LedgerError.insufficient
        }
        return .posted(entryID)
    }

    /// Creates the account if needed, then adds the posting to its cached balance. (A single
    /// upsert would not do: the database checks the floor on the row it would insert before it
    /// finds the conflict.)
    private static func apply(_ posting: Posting, at now: Date, on sql: any SQLDatabase) async throws -> UUID {
        let account = posting.account
        let owner = account.ownerID ?? platformOwner
        try await sql.raw("""
            INSERT INTO ledger_accounts (id, kind, owner_id, currency, balance_minor, credit_limit_minor, created_at)
            VALUES (\(bind: UUID()), \(bind: account.kind.rawValue), \(bind: owner), \(bind: account.currency), 0, 0, \(bind: now))
            ON CONFLICT (kind, owner_id, currency) DO NOTHING
            """).run()
        let row = try await sql.raw("""
            UPDATE ledger_accounts SET balance_minor = balance_minor + \(bind: posting.amountMinor)
            WHERE kind = \(bind: account.kind.rawValue) AND owner_id = \(bind: owner) AND currency = \(bind: account.currency)
            RETURNING id
            """).first(decoding: IDRow.self)
        guard let row else { throw LedgerError.insufficient }
        return row.id
    }

    /// The account's balance from its cache: the sum of its postings, kept in step by `post`.
    public static func balance(_ account: LedgerAccount, on db: any Database) async throws -> Int64 {
        try await state(of: account, on: db)?.balance ?? 0
    }

    /// The balance and the credit granted, for an organization's balance account.
    public static func state(of account: LedgerAccount, on db: any Database) async throws -> (balance: Int64, creditLimit: Int64)? {
        let sql = try JobQueue.sqlDatabase(db)
        let row = try await sql.raw("""
            SELECT balance_minor, credit_limit_minor FROM ledger_accounts
            WHERE kind = \(bind: account.kind.rawValue) AND owner_id = \(bind: account.ownerID ?? platformOwner) AND currency = \(bind: account.currency)
            """).first(decoding: BalanceRow.self)
        return row.map { ($0.balance_minor, $0.credit_limit_minor) }
    }

    /// Every account of `kind` owned by `ownerID`, one per currency, with its balance.
    public static func balances(_ kind: LedgerAccountKind, owner ownerID: UUID?, on db: any Database) async throws -> [Money] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT currency, balance_minor FROM ledger_accounts
            WHERE kind = \(bind: kind.rawValue) AND owner_id = \(bind: ownerID ?? platformOwner) ORDER BY currency
            """).all(decoding: CurrencyAmountRow.self).map { Money(amountMinor: $0.balance_minor, currency: $0.currency) }
    }

    /// Grants an organization credit in one currency: its balance may go this far below zero.
    public static func setCreditLimit(_ limitMinor: Int64, for organizationID: UUID, currency: String, at now: Date, on db: any Database) async throws {
        let sql = try JobQueue.sqlDatabase(db)
        let account = LedgerAccount.balance(of: organizationID, currency)
        do {
            try await sql.raw("""
                INSERT INTO ledger_accounts (id, kind, owner_id, currency, balance_minor, credit_limit_minor, created_at)
                VALUES (\(bind: UUID()), \(bind: account.kind.rawValue), \(bind: organizationID), \(bind: account.currency), 0, \(bind: limitMinor), \(bind: now))
                ON CONFLICT (kind, owner_id, currency) DO UPDATE SET credit_limit_minor = excluded.credit_limit_minor
                """).run()
        } catch where isFloorViolation(error) {
            throw LedgerError.insufficient
        }
    }

    /// What has been released for one deliverable of one engagement so far: the candidate's pay
    /// and the platform's fee, less any reversal.
    public static func released(milestoneID: UUID, on db: any Database) async throws -> (pay: Int64, fee: Int64) {
        let rows = try await releasedRows(column: "milestone_id", milestoneID, on: db)
        return (rows.pay, rows.fee)
    }

    /// What has left the project's escrow for one engagement: released pay and fee, and any refund.
    public static func settled(engagementID: UUID, on db: any Database) async throws -> Int64 {
        let sql = try JobQueue.sqlDatabase(db)
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(-SUM(p.amount_minor), 0) AS BIGINT) AS amount FROM postings p
            JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
            WHERE e.engagement_id = \(bind: engagementID) AND a.kind = 'project_escrow'
            """).first(decoding: AmountRow.self)
        return row?.amount ?? 0
    }

    private static func releasedRows(column: String, _ id: UUID, on db: any Database) async throws -> (pay: Int64, fee: Int64) {
        let sql = try JobQueue.sqlDatabase(db)
        let rows = try await sql.raw("""
            SELECT a.kind AS kind, CAST(COALESCE(SUM(p.amount_minor), 0) AS BIGINT) AS amount FROM postings p
            JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
            WHERE e.\(ident: column) = \(bind: id) AND e.kind IN ('release', 'reversal')
              AND a.kind IN ('candidate_payable', 'organization_payroll', 'platform_fees')
            GROUP BY a.kind
            """).all(decoding: KindAmountRow.self)
        let fee = rows.first { $0.kind == LedgerAccountKind.platformFees.rawValue }?.amount ?? 0
        return (rows.filter { $0.kind != LedgerAccountKind.platformFees.rawValue }.reduce(0) { $0 + $1.amount }, fee)
    }

    /// The floor's CHECK names itself in the error both databases give.
    private static func isFloorViolation(_ error: any Error) -> Bool {
        String(reflecting: error).contains("ledger_accounts_floor")
    }

    struct IDRow: Decodable { var id: UUID }
    struct AmountRow: Decodable { var amount: Int64 }
    struct BalanceRow: Decodable { var balance_minor: Int64; var credit_limit_minor: Int64 }
    struct CurrencyAmountRow: Decodable { var currency: String; var balance_minor: Int64 }
    struct KindAmountRow: Decodable { var kind: String; var amount: Int64 }
}
