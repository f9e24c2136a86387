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
        do {
            // Inside an action this joins the action's transaction. Alone it gets its own: the
            // entry is checked at the commit, and PostgreSQL's client reports a failed commit
            // only for an explicit transaction, not for a statement committed on its own.
            return try await db.transaction { tx in
                let sql = try JobQueue.sqlDatabase(tx)
                return sql.dialect.name == "postgresql"
                    ? try await postInOneCall(entry, by: actorID, at: now, on: sql) : try await write(entry, by: actorID, at: now, on: sql)
            }
        } catch where isFloorViolation(error) {
            throw LedgerError.insufficient
        }
    }

    /// PostgreSQL: `ledger_post` (see `CreateLedgerPostFunction`) does it all in one round trip.
    private static func postInOneCall(_ entry: JournalEntry, by actorID: UUID?, at now: Date, on sql: any SQLDatabase) async throws -> Outcome {
        let refs = entry.references
        let accounts = entry.postings.map(\.account)
        let row = try await sql.raw("""
            SELECT entry_id, posted FROM ledger_post(\(bind: UUID()), \(bind: entry.kind.rawValue), \(bind: entry.memo), \(bind: entry.uniqueKey),
                \(bind: refs.organizationID), \(bind: refs.projectID), \(bind: refs.engagementID), \(bind: refs.milestoneID), \(bind: refs.reverses),
                \(bind: actorID), \(bind: now), \(bind: accounts.map(\.kind.rawValue)), \(bind: accounts.map { $0.ownerID ?? platformOwner }),
                \(bind: accounts.map(\.currency)), \(bind: entry.postings.map(\.amountMinor)))
            """).first(decoding: PostRow.self)
        guard let row else { throw LedgerError.tooFewPostings }
        return row.posted ? .posted(row.entry_id) : .alreadyPosted(row.entry_id)
    }

    /// SQLite: a look for the entry's key, one UPDATE for all its accounts, the postings, and
    /// the entry's row last, which seals the postings (see `CreateLedger`).
    private static func write(_ entry: JournalEntry, by actorID: UUID?, at now: Date, on sql: any SQLDatabase) async throws -> Outcome {
        if let key = entry.uniqueKey,
           let repeated = try await sql.raw("SELECT id FROM journal_entries WHERE unique_key = \(bind: key)").first(decoding: IDRow.self) {
            return .alreadyPosted(repeated.id)
        }
        let entryID = UUID()
        let accountIDs = try await apply(entry.postings, at: now, on: sql)
        try await sql.insert(into: "postings").columns("id", "entry_id", "account_id", "currency", "amount_minor", "created_at")
            .rows(entry.postings.map { posting -> [any SQLExpression] in
                [SQLBind(UUID()), SQLBind(entryID), SQLBind(accountIDs[posting.account]!), SQLBind(posting.account.currency),
                 SQLBind(posting.amountMinor), SQLBind(now)]
            }).run()
        let refs = entry.references
        try await sql.insert(into: "journal_entries")
            .columns("id", "kind", "memo", "unique_key", "organization_id", "project_id", "engagement_id", "milestone_id",
                     "reverses_id", "actor_id", "created_at")
            .values([SQLBind(entryID), SQLBind(entry.kind.rawValue), SQLBind(entry.memo), SQLBind(entry.uniqueKey),
                     SQLBind(refs.organizationID), SQLBind(refs.projectID), SQLBind(refs.engagementID), SQLBind(refs.milestoneID),
                     SQLBind(refs.reverses), SQLBind(actorID), SQLBind(now)])
            .run()
        return .posted(entryID)
    }

    /// Adds the postings to their accounts' cached balances in one statement, creating accounts
    /// met for the first time (then the statement runs again for them). A single upsert would
    /// not do: the database checks the floor on the row it would insert before it finds the conflict.
    private static func apply(_ postings: [Posting], at now: Date, on sql: any SQLDatabase) async throws -> [LedgerAccount: UUID] {
        let amounts = Dictionary(postings.map { ($0.account, $0.amountMinor) }, uniquingKeysWith: +)
        var ids = try await add(amounts, on: sql)
        let missing = amounts.filter { ids[$0.key] == nil }
        guard !missing.isEmpty else { return ids }
        try await sql.insert(into: "ledger_accounts")
            .columns("id", "kind", "owner_id", "currency", "balance_minor", "credit_limit_minor", "created_at")
            .rows(missing.keys.map { account -> [any SQLExpression] in
                [SQLBind(UUID()), SQLBind(account.kind.rawValue), SQLBind(account.ownerID ?? platformOwner), SQLBind(account.currency),
                 SQLBind(Int64(0)), SQLBind(Int64(0)), SQLBind(now)]
            })
            .ignoringConflicts(with: ["kind", "owner_id", "currency"]).run()
        ids.merge(try await add(missing, on: sql)) { first, _ in first }
        guard ids.count == amounts.count else { throw LedgerError.insufficient }
        return ids
    }

    /// One UPDATE for every account of the entry; returns the ids of those that exist.
    private static func add(_ amounts: [LedgerAccount: Int64], on sql: any SQLDatabase) async throws -> [LedgerAccount: UUID] {
        let rows = amounts.map { account, amount in
            SQLQueryString("(\(bind: account.kind.rawValue), \(bind: account.ownerID ?? platformOwner), \(bind: account.currency), \(bind: amount))")
        }
        let updated = try await sql.raw("""
            UPDATE ledger_accounts SET balance_minor = balance_minor + v.column4
            FROM (VALUES \(SQLList(rows))) AS v
            WHERE ledger_accounts.kind = v.column1 AND ledger_accounts.owner_id = v.column2 AND ledger_accounts.currency = v.column3
            RETURNING ledger_accounts.id, ledger_accounts.kind, ledger_accounts.owner_id, ledger_accounts.currency
            """).all(decoding: AccountRow.self)
        return Dictionary(updated.compactMap { row in
            LedgerAccountKind(rawValue: row.kind).map { (LedgerAccount($0, owner: row.owner_id == platformOwner ? nil : row.owner_id, currency: row.currency), row.id) }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry written for the event `uniqueKey` names, if any.
    public static func entryID(uniqueKey: String, on db: any Database) async throws -> UUID? {
        try await JobQueue.sqlDatabase(db).raw("SELECT id FROM journal_entries WHERE unique_key = \(bind: uniqueKey)").first(decoding: IDRow.self)?.id
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
    struct PostRow: Decodable { var entry_id: UUID; var posted: Bool }
    struct AccountRow: Decodable { var id: UUID; var kind: String; var owner_id: UUID; var currency: String }
    struct AmountRow: Decodable { var amount: Int64 }
    struct BalanceRow: Decodable { var balance_minor: Int64; var credit_limit_minor: Int64 }
    struct CurrencyAmountRow: Decodable { var currency: String; var balance_minor: Int64 }
    struct KindAmountRow: Decodable { var kind: String; var amount: Int64 }
}
