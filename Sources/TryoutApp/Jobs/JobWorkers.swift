import Foundation
import TryoutCore
import TryoutStore

/// A pool of workers in this process: each claims due jobs, runs them and records the outcome;
/// a scheduler fires the recurring jobs. `tryout serve` runs a pool beside the web server and
/// `tryout worker` runs one alone; any number of pools share one database.
public final class JobWorkers: Sendable {
    public struct Settings: Sendable {
        /// Names this process's workers in the jobs they hold (host and process id).
        public var name: String
        public var count: Int
        /// How long a claimed job stays this pool's; past it, the worker is taken for dead.
        public var lease: TimeInterval
        /// How long an idle worker waits before looking again.
        public var idlePoll: Duration
        /// How many jobs a worker claims at once: fewer round trips when the queue is long.
        public var batch: Int

        public init(name: String, count: Int, lease: TimeInterval = 300, idlePoll: Duration = .seconds(1), batch: Int = 8) {
            self.name = name
            self.count = count
            self.lease = lease
            self.idlePoll = idlePoll
            self.batch = batch
        }
    }

    let settings: Settings
    let handlers: JobHandlers
    let schedules: [Schedule]
    /// A fresh context for each job: a job's clock is the time it runs.
    let context: @Sendable () -> ActionContext
    let log: @Sendable (String) -> Void
    private let stopping = StopSignal()

    public init(settings: Settings, handlers: JobHandlers, schedules: [Schedule], context: @escaping @Sendable () -> ActionContext,
                log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.handlers = handlers
        self.schedules = schedules
        self.context = context
        self.log = log
    }

    /// Runs the workers and the scheduler until `stop()`; returns once each has finished its job.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<settings.count {
                group.addTask { await self.work(as: "\(self.settings.name)/\(index)") }
            }
            group.addTask { await self.schedule() }
        }
    }

    /// Asks every worker to finish the job in hand, hand back what it claimed but did not start,
    /// and stop.
    public func stop() {
        stopping.raise()
    }

    private func work(as worker: String) async {
        while !stopping.isRaised {
            var claimed: [ClaimedJob] = []
            do {
                let context = context()
                claimed = try await JobQueue.claim(kinds: handlers.kinds, worker: worker, limit: settings.batch,
                                                   leaseUntil: context.now.addingTimeInterval(settings.lease), at: context.now, on: context.db)
                try await runBatch(claimed, as: worker)
            } catch {
                // The database is unreachable or refused the claim: wait as if idle, then try again.
                log("job worker \(worker): \(String(reflecting: error))")
            }
            if claimed.count < settings.batch { await stopping.sleep(settings.idlePoll) }
        }
    }

    /// Runs a claimed batch in order. Successes are recorded together, at the end of the batch or
    /// once a second, which saves a round trip per job; a job that succeeded but is not recorded
    /// yet when its worker dies runs again, which every handler allows for. A stop hands back
    /// the jobs not started.
    private func runBatch(_ claimed: [ClaimedJob], as worker: String) async throws {
        var succeeded: [UUID] = []
        var recordedAt = ContinuousClock.now
        func record() async throws {
            guard !succeeded.isEmpty else { return }
            let ctx = context()
            try await JobQueue.complete(succeeded, worker: worker, at: ctx.now, on: ctx.db)
            succeeded = []
            recordedAt = ContinuousClock.now
        }
        for (index, job) in claimed.enumerated() {
            if stopping.isRaised {
                try await record()
                for unstarted in claimed[index...] { try await JobQueue.release(unstarted.id, worker: worker, on: context().db) }
                return
            }
            if try await Self.run(job, worker: worker, handlers: handlers, context: context(), log: log) { succeeded.append(job.id) }
            if ContinuousClock.now - recordedAt > .seconds(1) { try await record() }
        }
        try await record()
    }

    private func schedule() async {
        while !stopping.isRaised {
            for schedule in schedules {
                do {
                    try await schedule.fire(context())
                } catch {
                    log("schedule \(schedule.name): \(String(reflecting: error))")
                }
            }
            await stopping.sleep(.seconds(15))
        }
    }

    /// Runs one claimed job and records its failure; true when it succeeded, for the caller to
    /// record. A handler's error is the job's failure, never the worker's: it is written down
    /// and retried after the backoff.
    static func run(_ job: ClaimedJob, worker: String, handlers: JobHandlers, context: ActionContext,
                    log: @Sendable (String) -> Void) async throws -> Bool {
        let db = context.db, now = context.now
        guard job.attempts <= job.maxAttempts else {
            let error = "The worker running its last attempt stopped before it finished."
            try await JobQueue.fail(job, worker: worker, error: error, retryAt: nil, at: now, on: db)
            return false
        }
        guard let handler = handlers[job.kind] else {
            try await JobQueue.fail(job, worker: worker, error: "No handler for \(job.kind).", retryAt: nil, at: now, on: db)
            return false
        }
        do {
            try await handler.run(job.payload, context)
            return true
        } catch let failure as PermanentJobFailure {
            log("job \(job.kind) \(job.id) failed for good: \(failure)")
            try await JobQueue.fail(job, worker: worker, error: failure.description, retryAt: nil, at: now, on: db)
        } catch {
            let delay = handler.backoff.delay(afterAttempt: job.attempts, random: Double.random(in: 0..<1))
            log("job \(job.kind) \(job.id) attempt \(job.attempts) of \(job.maxAttempts) failed: \(String(reflecting: error))")
            try await JobQueue.fail(job, worker: worker, error: String(describing: error), retryAt: now.addingTimeInterval(delay),
                                    at: now, on: db)
        }
        return false
    }

    /// Runs every job that is due, one after another, until none is: what tests and commands use
    /// instead of a pool. Returns how many ran.
    public static func runDue(handlers: JobHandlers, context: @Sendable () -> ActionContext, limit: Int = 10_000,
                              log: @Sendable (String) -> Void = { _ in }) async throws -> Int {
        var ran = 0
        while ran < limit {
            let now = context()
            let claimed = try await JobQueue.claim(kinds: handlers.kinds, worker: "inline", limit: 50,
                                                   leaseUntil: now.now.addingTimeInterval(300), at: now.now, on: now.db)
            if claimed.isEmpty { break }
            for job in claimed {
                let job = job, context = context()
                if try await run(job, worker: "inline", handlers: handlers, context: context, log: log) {
                    try await JobQueue.complete([job.id], worker: "inline", at: context.now, on: context.db)
                }
                ran += 1
            }
        }
        return ran
    }
}

/// The pool's "please stop": raised once, seen by every worker between jobs and while idle.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    var isRaised: Bool { lock.withLock { raised } }

    func raise() { lock.withLock { raised = true } }

    /// Sleeps for `duration`, waking early once the signal is raised.
    func sleep(_ duration: Duration) async {
        let step = Duration.milliseconds(50)
        var left = duration
        while left > .zero, !isRaised {
            try? await Task.sleep(for: min(step, left))
            left -= step
        }
    }
}
