import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Acting")
struct ActingTests {
    @Test("four actions at once, each making the installation's secret and a job in its transaction: one secret, every action commits")
    func simultaneousActions() async throws {
        try await withTestApp { t in try await Self.fourActionsAtOnce(t) }
    }

    @Test("the account handed in with a context is used only when it is the acting person's; another is read from the database")
    func handedInAccount() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = EngagementID(try engagement.requireID())
            let mallory = try await Factory(t).user("mallory@elsewhere.test", name: "Mallory")
            var context = try await t.context(as: "ada@uni.test")

            // Someone else's record beside Ada's principal: Ada is still who acts, read by id.
            context.user = mallory
            let ada = try await EngagementParticipant.load(id, context)
            #expect(ada.user.email == "ada@uni.test" && ada.user !== mallory && ada.role == .candidate)

            // Her own record is taken as it is, not read again.
            context.user = ada.user
            #expect(try await EngagementParticipant.load(id, context).user === ada.user)

            // Mallory's principal with her own record still finds no engagement of hers.
            var outsider = try await t.context(as: "mallory@elsewhere.test")
            outsider.user = mallory
            await #expect(throws: ActionError.notFound) { try await EngagementParticipant.load(id, outsider) }
        }
    }

    /// A file in write-ahead-log mode, as the server keeps it, refuses a stale writer with its own
    /// code ("busy in snapshot"), which must be retried too.
    @Test("the same on an SQLite file in write-ahead-log mode", .enabled(if: TestDatabase.postgresURL == nil))
    func simultaneousActionsOnAFile() async throws {
        let path = NSTemporaryDirectory() + "tryout-acting-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await withTestApp(configure: { $0.database = .sqliteFile(path: path) }) { t in
            try await DatabaseTarget.sqliteFile(path: path).tune(t.db)
            try await Self.fourActionsAtOnce(t)
        }
    }

    /// Each write of a project takes its row and then the catalog's version row, so two actions
    /// writing two projects in opposite orders wait for each other; PostgreSQL ends one of them,
    /// which must run again rather than fail.
    @Test("two actions writing the same two projects in opposite orders: PostgreSQL ends one, it runs again, both commit",
          .enabled(if: TestDatabase.postgresURL != nil))
    func crossedWrites() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Northwind")
            let ids = [try await Factory(t).publishedProject(of: org).requireID(),
                       try await Factory(t).publishedProject(of: org).requireID()]
            let runs = NIOLockedValueBox(0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (title, order) in [("First", ids), ("Second", ids.reversed())] {
                    group.addTask {
                        let attempts = NIOLockedValueBox(0)
                        try await t.context().act(locking: .none) { ctx in
                            runs.withLockedValue { $0 += 1 }
                            let attempt = attempts.withLockedValue { $0 += 1; return $0 }
                            try await ProjectRecord.query(on: ctx.db).filter(\.$id == order[0]).set(\.$title, to: title).update()
                            // On its first try each action holds its first project until the other
                            // waits for a lock, so that their second writes cross whatever the timing.
                            if attempt == 1 { try await Self.untilALockIsAwaited(t) }
                            try await ProjectRecord.query(on: ctx.db).filter(\.$id == order[1]).set(\.$title, to: title).update()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(runs.withLockedValue { $0 } >= 3, "PostgreSQL ended one action at least once, and it ran again")
            let titles = try await ProjectRecord.query(on: t.db).filter(\.$id ~~ ids).all().map(\.title)
            #expect(titles.count == 2 && Set(titles).count == 1)
        }
    }

    /// Only a refusal caused by another transaction is run again: an action that breaks a rule of
    /// the data (an address already taken) fails at its first try, on either database.
    @Test("an action refused for its own data, not for another transaction, runs once and fails")
    func ownFailureNotRetried() async throws {
        try await withTestApp { t in
            _ = try await Factory(t).user("ada@uni.test")
            let runs = NIOLockedValueBox(0)
            await #expect(throws: (any Error).self) {
                try await t.context().act(locking: .none) { ctx in
                    runs.withLockedValue { $0 += 1 }
                    // Written as a record, past the service's own check, so the database's unique index refuses it.
                    try await UserRecord(email: "ada@uni.test", displayName: "Ada again", passwordHash: "x", isPlatformAdmin: false,
                                         createdAt: ctx.now).create(on: ctx.db)
                }
            }
            #expect(runs.withLockedValue { $0 } == 1)
        }
    }

    /// Returns once a statement on the test's database waits for a lock, or after 20 seconds.
    private static func untilALockIsAwaited(_ t: TestApp) async throws {
        let sql = try #require(t.db as? any SQLDatabase)
        for _ in 0..<400 {
            let waiting = try await sql.raw("""
                SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func fourActionsAtOnce(_ t: TestApp) async throws {
        let secrets = try await withThrowingTaskGroup(of: String.self) { group in
            for number in 0..<4 {
                group.addTask {
                    try await t.context().act(locking: .none) { ctx in
                        _ = try await InstanceSecretRecord.query(on: ctx.db).count()
                        let secret = try await AccountSecurity.instanceSecret("test-key", at: ctx.now, on: ctx.db)
                        _ = try await ctx.enqueue(RecordedJob(number: number))
                        return secret
                    }
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(secrets.count == 1)
        #expect(try await InstanceSecretRecord.query(on: t.db).filter(\.$name == "test-key").count() == 1)
        #expect(try await JobRecord.query(on: t.db).count() == 4)
    }
}
