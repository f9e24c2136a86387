import FluentKit
import Foundation
import SQLKit
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("The ledger on the database")
struct LedgerStoreTests {
    let org = UUID()
    let project = UUID()
    let candidate = UUID()

    func fund(_ amount: Int64, key: String? = nil, _ t: TestApp) async throws -> Ledger.Outcome {
        try await Ledger.post(.transfer(.funding, amount, from: .platform(.externalFunding, "USD"), to: .balance(of: org, "USD"),
                                        memo: "bank transfer", uniqueKey: key, references: .init(organizationID: org)),
                              by: nil, at: t.clock.now, on: t.db)
    }

    @Test("a balanced entry moves money and keeps every cached balance the sum of its postings")
    func posting() async throws {
        try await withTestApp { t in
            _ = try await fund(100_000, t)
            try await t.db.transaction { tx in
                try await Ledger.post(.transfer(.escrowHold, 60_000, from: .balance(of: org, "USD"), to: .escrow(of: project, "USD"), memo: "hold"),
                                      by: nil, at: t.clock.now, on: tx)
                try await Ledger.post(try JournalEntry(.release, [Posting(.escrow(of: project, "USD"), -25_000),
                                                                  Posting(.payable(of: candidate, "USD"), 22_500),
                                                                  Posting(.platform(.platformFees, "USD"), 2_500)], memo: "release"),
                                      by: nil, at: t.clock.now, on: tx)
            }
            #expect(try await Ledger.balance(.balance(of: org, "USD"), on: t.db) == 40_000)
            #expect(try await Ledger.balance(.escrow(of: project, "USD"), on: t.db) == 35_000)
            #expect(try await Ledger.balance(.payable(of: candidate, "USD"), on: t.db) == 22_500)
            #expect(try await Ledger.balance(.platform(.externalFunding, "USD"), on: t.db) == -100_000)
            #expect(try await Ledger.verify(on: t.db).isEmpty)
            let size = try await Ledger.size(on: t.db)
            #expect(size.entries == 3 && size.postings == 7)
        }
    }

    @Test("an entry's unique key records its event once: a repeat moves nothing")
    func uniqueKey() async throws {
        try await withTestApp { t in
            let first = try await fund(5_000, key: "invoice:1", t)
            let second = try await fund(5_000, key: "invoice:1", t)
            #expect(second == .alreadyPosted(first.entryID))
            #expect(try await Ledger.balance(.balance(of: org, "USD"), on: t.db) == 5_000)
        }
    }

    @Test("escrow and payables never go below zero, and a balance only as far as its credit; nothing half-written stays")
    func floors() async throws {
        try await withTestApp { t in
            _ = try await fund(10_000, t)
            await #expect(throws: LedgerError.insufficient) {
                try await t.db.transaction { tx in
                    try await Ledger.post(.transfer(.escrowHold, 15_000, from: .balance(of: org, "USD"), to: .escrow(of: project, "USD"), memo: ""),
                                          by: nil, at: t.clock.now, on: tx)
                }
            }
            await #expect(throws: LedgerError.insufficient) {
                try await t.db.transaction { tx in
                    try await Ledger.post(.transfer(.release, 1, from: .escrow(of: project, "USD"), to: .payable(of: candidate, "USD"), memo: ""),
                                          by: nil, at: t.clock.now, on: tx)
                }
            }
            try await Ledger.setCreditLimit(5_000, for: org, currency: "USD", at: t.clock.now, on: t.db)
            try await Ledger.post(.transfer(.escrowHold, 15_000, from: .balance(of: org, "USD"), to: .escrow(of: project, "USD"), memo: ""),
                                  by: nil, at: t.clock.now, on: t.db)
            #expect(try await Ledger.state(of: .balance(of: org, "USD"), on: t.db)! == (-5_000, 5_000))
            // Credit already used cannot be withdrawn.
            await #expect(throws: LedgerError.insufficient) { try await Ledger.setCreditLimit(0, for: org, currency: "USD", at: t.clock.now, on: t.db) }
            #expect(try await Ledger.verify(on: t.db).isEmpty)
            #expect(try await Ledger.size(on: t.db).entries == 2)
        }
    }

    @Test("the database itself refuses an unbalanced entry, a posting added to a written entry, and any change or deletion")
    func databaseGuards() async throws {
        try await withTestApp { t in
            let posted = try await fund(10_000, t).entryID
            let sql = try #require(t.db as? any SQLDatabase)
            let account = try #require(try await sql.raw("SELECT id FROM ledger_accounts WHERE kind = 'organization_balance'").first(decoding: Ledger.IDRow.self)).id
            let entry = UUID()
            // Written behind Core's back: one posting of 100 and an entry row. Refused at commit at the latest.
            await #expect(throws: (any Error).self) {
                try await t.db.transaction { tx in
                    let sql = tx as! any SQLDatabase
                    try await sql.raw("""
                        INSERT INTO postings (id, entry_id, account_id, currency, amount_minor, created_at)
                        VALUES (\(bind: UUID()), \(bind: entry), \(bind: account), 'USD', 100, \(bind: t.clock.now))
                        """).run()
                    try await sql.raw("""
                        INSERT INTO journal_entries (id, kind, memo, created_at) VALUES (\(bind: entry), 'funding', 'forged', \(bind: t.clock.now))
                        """).run()
                }
            }
            // A posting without any entry fails the deferred foreign key at commit.
            await #expect(throws: (any Error).self) {
                try await t.db.transaction { tx in
                    try await (tx as! any SQLDatabase).raw("""
                        INSERT INTO postings (id, entry_id, account_id, currency, amount_minor, created_at)
                        VALUES (\(bind: UUID()), \(bind: UUID()), \(bind: account), 'USD', 100, \(bind: t.clock.now))
                        """).run()
                }
            }
            // A balanced pair added to an entry already written.
            await #expect(throws: (any Error).self) {
                try await t.db.transaction { tx in
                    let sql = tx as! any SQLDatabase
                    for amount in [100, -100] {
                        try await sql.raw("""
                            INSERT INTO postings (id, entry_id, account_id, currency, amount_minor, created_at)
                            VALUES (\(bind: UUID()), \(bind: posted), \(bind: account), 'USD', \(bind: amount), \(bind: t.clock.now))
                            """).run()
                    }
                    // PostgreSQL checks balance only; a pair that balances is refused for touching a written entry on SQLite.
                    if sql.dialect.name == "postgresql" { throw CancellationError() }
                }
            }
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE postings SET amount_minor = amount_minor * 2").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM postings").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE journal_entries SET memo = 'changed'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM journal_entries").run() }
            #expect(try await Ledger.size(on: t.db) == (1, 2))
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }

    @Test("verify recomputes every balance and reports a cached balance that drifted")
    func verify() async throws {
        try await withTestApp { t in
            _ = try await fund(10_000, t)
            let sql = try #require(t.db as? any SQLDatabase)
            try await sql.raw("UPDATE ledger_accounts SET balance_minor = balance_minor + 1 WHERE kind = 'organization_balance'").run()
            let differences = try await Ledger.verify(on: t.db)
            #expect(differences.count == 1)
            guard case .cachedBalance(_, "organization_balance", "USD", 10_001, 10_000)? = differences.first else {
                Issue.record("unexpected \(differences)")
                return
            }
        }
    }

    @Test("an idempotency key runs its request once: repeats get its response, another body is refused, a running one waits its lease")
    func idempotencyKeys() async throws {
        try await withTestApp { t in
            let user = try await Factory(t).user("owner@acme.test")
            let userID = try user.requireID()
            let now = t.clock.now
            #expect(try await IdempotencyKeys.claim("k", userID: userID, fingerprint: "a", at: now, on: t.db) == .run)
            #expect(try await IdempotencyKeys.claim("k", userID: userID, fingerprint: "a", at: now, on: t.db) == .running)
            #expect(try await IdempotencyKeys.claim("k", userID: userID, fingerprint: "b", at: now, on: t.db) == .mismatch)
            // A server that stopped mid-request leaves the key running; after the lease the same request runs again.
            let later = now.addingTimeInterval(IdempotencyKeys.lease + 1)
            #expect(try await IdempotencyKeys.claim("k", userID: userID, fingerprint: "a", at: later, on: t.db) == .run)
            let response = StoredResponse(status: 303, contentType: nil, location: "/x", body: "")
            try await IdempotencyKeys.finish("k", userID: userID, response: response, on: t.db)
            #expect(try await IdempotencyKeys.claim("k", userID: userID, fingerprint: "a", at: later, on: t.db) == .replay(response))
            // Keys are per person.
            let other = try await Factory(t).user("other@acme.test")
            #expect(try await IdempotencyKeys.claim("k", userID: try other.requireID(), fingerprint: "z", at: later, on: t.db) == .run)
            try await IdempotencyKeys.abandon("k", userID: try other.requireID(), on: t.db)
            #expect(try await IdempotencyKeys.claim("k", userID: try other.requireID(), fingerprint: "y", at: later, on: t.db) == .run)
        }
    }
}
