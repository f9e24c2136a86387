import FluentKit
import Foundation
import NIOConcurrencyHelpers
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// A job that records each run, and fails as often as it is told to first.
struct RecordedJob: Job {
    static let kind = "test.recorded"
    static let maxAttempts = 3
    static let backoff = Backoff(base: 60, ceiling: 3600, jitter: 0)
    var number: Int
    var failures = 0
    var permanent = false
}

/// What the recorded jobs did, shared by every worker of a test.
final class Runs: Sendable {
    private let counts = NIOLockedValueBox<[Int: Int]>([:])

    var all: [Int: Int] { counts.withLockedValue { $0 } }

    func handlers() -> JobHandlers {
        var handlers = JobHandlers()
        handlers.register(RecordedJob.self) { job, _ in
            let run = self.counts.withLockedValue { counts -> Int in
                counts[job.number, default: 0] += 1
                return counts[job.number]!
            }
            if job.permanent { throw PermanentJobFailure("the thing is gone") }
            if run <= job.failures { throw TestFailure(run: run) }
        }
        return handlers
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var run: Int
    var description: String { "failure \(run)" }
}

extension TestApp {
    func runJobs(_ runs: Runs) async throws -> Int {
        try await JobWorkers.runDue(handlers: runs.handlers(), context: { self.context() })
    }

    func job(_ kind: String = RecordedJob.kind) async throws -> JobRecord {
        try #require(try await JobRecord.query(on: db).filter(\.$kind == kind).first())
    }
}

@Suite("Job queue")
struct JobQueueTests {
    @Test("a job enqueued by an action exists only if the action committed")
    func enqueuedInTheTransaction() async throws {
        try await withTestApp { t in
            try await t.context().act(locking: .none) { ctx in _ = try await ctx.enqueue(RecordedJob(number: 1)) }
            await #expect(throws: TestFailure.self) {
                try await t.context().act(locking: .none) { ctx -> Void in
                    try await ctx.enqueue(RecordedJob(number: 2))
                    throw TestFailure(run: 0)
                }
            }
            let runs = Runs()
            #expect(try await t.runJobs(runs) == 1)
            #expect(runs.all == [1: 1])
            #expect(try await t.job().state == .done)
        }
    }

    @Test("a unique key keeps the same work from being queued twice")
    func uniqueKey() async throws {
        try await withTestApp { t in
            let first = try await t.context().enqueue(RecordedJob(number: 1), uniqueKey: "reminder:1")
            let again = try await t.context().enqueue(RecordedJob(number: 2), uniqueKey: "reminder:1")
            let other = try await t.context().enqueue(RecordedJob(number: 3), uniqueKey: "reminder:3")
            #expect(first && !again && other)
            #expect(try await JobRecord.query(on: t.db).count() == 2)
        }
    }

    @Test("a job waits for its time")
    func runAt() async throws {
        try await withTestApp { t in
            try await t.context().enqueue(RecordedJob(number: 1), at: t.clock.now.addingTimeInterval(3600))
            let runs = Runs()
            #expect(try await t.runJobs(runs) == 0)
            t.clock.advance(by: 3600)
            #expect(try await t.runJobs(runs) == 1)
        }
    }

    @Test("a failed attempt is retried after the backoff, and the error is kept")
    func retryAfterBackoff() async throws {
        try await withTestApp { t in
            try await t.context().enqueue(RecordedJob(number: 1, failures: 1))
            let runs = Runs()
            #expect(try await t.runJobs(runs) == 1)
            var job = try await t.job()
            #expect(job.state == .failed && job.attempts == 1 && job.lastError == "failure 1")
            #expect(job.runAt == t.clock.now.addingTimeInterval(60))
            t.clock.advance(by: 59)
            #expect(try await t.runJobs(runs) == 0)
            t.clock.advance(by: 1)
            #expect(try await t.runJobs(runs) == 1)
            job = try await t.job()
            #expect(job.state == .done && job.attempts == 2 && runs.all == [1: 2])
        }
    }

    @Test("after its last attempt a job is dead; a failure retrying cannot fix kills it at once")
    func deadJobs() async throws {
        try await withTestApp { t in
            try await t.context().enqueue(RecordedJob(number: 1, failures: 10))
            let runs = Runs()
            for wait in [0.0, 60, 120] {
                t.clock.advance(by: wait)
                #expect(try await t.runJobs(runs) == 1)
            }
            t.clock.advance(by: 86_400)
            #expect(try await t.runJobs(runs) == 0)
            let job = try await t.job()
            #expect(job.state == .dead && job.attempts == 3 && job.lastError == "failure 3" && runs.all == [1: 3])

            try await JobRecord.query(on: t.db).delete()
            try await t.context().enqueue(RecordedJob(number: 2, permanent: true))
            #expect(try await t.runJobs(runs) == 1)
            let gone = try await t.job()
            #expect(gone.state == .dead && gone.attempts == 1 && gone.lastError == "the thing is gone")
        }
    }

    @Test("a job whose worker died is claimed again once the lease runs out, and the late worker cannot record it")
    func expiredLease() async throws {
        try await withTestApp { t in
            try await t.context().enqueue(RecordedJob(number: 1))
            let now = t.clock.now
            let first = try await JobQueue.claim(kinds: [RecordedJob.kind], worker: "a", limit: 5, leaseUntil: now.addingTimeInterval(300), at: now, on: t.db)
            #expect(first.count == 1)
            #expect(try await JobQueue.claim(kinds: [RecordedJob.kind], worker: "b", limit: 5, leaseUntil: now.addingTimeInterval(300),
                                             at: now.addingTimeInterval(299), on: t.db).isEmpty)
            let later = now.addingTimeInterval(301)
            let second = try await JobQueue.claim(kinds: [RecordedJob.kind], worker: "b", limit: 5, leaseUntil: later.addingTimeInterval(300),
                                                  at: later, on: t.db)
            #expect(second.map(\.id) == first.map(\.id) && second.first?.attempts == 2)
            try await JobQueue.complete([first[0].id], worker: "a", at: later, on: t.db)
            #expect(try await t.job().state == .running)
            try await JobQueue.complete([second[0].id], worker: "b", at: later, on: t.db)
            #expect(try await t.job().state == .done)
        }
    }

    @Test("a worker claims only the kinds it knows")
    func unknownKinds() async throws {
        try await withTestApp { t in
            try await JobQueue.enqueue(kind: "future.kind", payload: "{}", runAt: t.clock.now, maxAttempts: 3, at: t.clock.now, on: t.db)
            #expect(try await t.runJobs(Runs()) == 0)
            #expect(try await t.job("future.kind").state == .queued)
        }
    }

    @Test("a schedule's slot is fired once, however many servers fire it")
    func scheduleSlotOnce() async throws {
        try await withTestApp { t in
            let schedule = Schedule("test.tick", .every(minutes: 5), RecordedJob(number: 7))
            let fired = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 { group.addTask { try await schedule.fire(t.context()) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(fired.filter { $0 }.count == 1 && fired.count == 2)
            let again = try await schedule.fire(t.context())
            t.clock.advance(by: 300)
            let next = try await schedule.fire(t.context())
            #expect(!again && next)
            #expect(try await JobRecord.query(on: t.db).count() == 2)
        }
    }

    @Test("two worker pools on one database run 1,000 jobs, each exactly once")
    func twoPoolsExactlyOnce() async throws {
        try await withTestApp { t in
            let jobs = 1000
            try await t.context().act(locking: .none) { ctx in
                for number in 0..<jobs { try await ctx.enqueue(RecordedJob(number: number)) }
            }
            let runs = Runs()
            let pools = (0..<2).map { index in
                JobWorkers(settings: .init(name: "pool\(index)", count: 3, idlePoll: .milliseconds(20), batch: 8), handlers: runs.handlers(),
                           schedules: [], context: { t.context() }, log: { _ in })
            }
            let running = pools.map { pool in Task { await pool.run() } }
            for _ in 0..<2400 {
                let done = try await JobRecord.query(on: t.db).filter(\.$state == .done).count()
                if done == jobs { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            pools.forEach { $0.stop() }
            for task in running { await task.value }
            #expect(runs.all.count == jobs)
            #expect(runs.all.values.allSatisfy { $0 == 1 })
            #expect(try await JobRecord.query(on: t.db).filter(\.$state == .done).count() == jobs)
            let owners = try await JobRecord.query(on: t.db).all().compactMap(\.leaseOwner)
            #expect(owners.isEmpty)
        }
    }

    @Test("a job handed back goes to the queue as it was, its attempt returned")
    func stopReleases() async throws {
        try await withTestApp { t in
            let now = t.clock.now
            try await t.context().enqueue(RecordedJob(number: 1))
            let claimed = try await JobQueue.claim(kinds: [RecordedJob.kind], worker: "w", limit: 1, leaseUntil: now.addingTimeInterval(300), at: now, on: t.db)
            try await JobQueue.release(claimed[0].id, worker: "w", on: t.db)
            let job = try await t.job()
            #expect(job.state == .queued && job.attempts == 0 && job.leaseOwner == nil)
        }
    }

    @Test("a pool asked to stop finishes the job in hand, records it, and hands back the rest of its batch")
    func stopMidBatch() async throws {
        try await withTestApp { t in
            try await t.context().act(locking: .none) { ctx in
                for number in 1...3 { try await ctx.enqueue(RecordedJob(number: number), at: ctx.now.addingTimeInterval(Double(number))) }
            }
            t.clock.advance(by: 10)
            let pool = NIOLockedValueBox<JobWorkers?>(nil)
            var handlers = JobHandlers()
            handlers.register(RecordedJob.self) { _, _ in pool.withLockedValue { $0 }?.stop() }
            let workers = JobWorkers(settings: .init(name: "stopping", count: 1, idlePoll: .milliseconds(20), batch: 8), handlers: handlers,
                                     schedules: [], context: { t.context() }, log: { _ in })
            pool.withLockedValue { $0 = workers }
            await workers.run()
            let jobs = try await JobRecord.query(on: t.db).sort(\.$runAt).all()
            #expect(jobs.map(\.state) == [.done, .queued, .queued])
            #expect(jobs.map(\.attempts) == [1, 0, 0] && jobs.allSatisfy { $0.leaseOwner == nil })
        }
    }
}
