// Measures the job queue's throughput: N no-op jobs run by a pool of W workers, from the first
// claim to the last job recorded done, with the same claiming, leasing and recording the server's
// workers do. Enqueueing one job at a time is timed as well.
//
//   swift run -c release tryout-jobs-benchmark [--jobs 20000] [--workers 4] [--batch 8]
//
// It uses the database the server would use (DATABASE_URL, else $TRYOUT_DATA_DIR/tryout.sqlite);
// run `tryout migrate` on it first. It removes only its own jobs, before and after.
import BenchmarkSupport
import FluentKit
import Foundation
import SQLKit
import TryoutApp
import TryoutCore
import TryoutStore

/// The job measured: it does nothing, so what is timed is the queue itself.
struct NoOp: Job {
    static let kind = "benchmark.noop"
}

/// Benchmark jobs send no mail and check no password.
struct NoLinks: MailLinks {
    var signIn: String { "" }
    var forgotPassword: String { "" }
    func verifyEmail(token: String, next: String?) -> String { "" }
    func resetPassword(token: String) -> String { "" }
    var base: String { "" }
    func path(_ place: EngagementPlace) -> String { "" }
    func path(_ place: ApplicationPlace) -> String { "" }
    func unsubscribe(token: String) -> String { "" }
    var notificationSettings: String { "" }
    var earnings: String { "" }
    func billing(organizationSlug: String) -> String { "" }
}

struct NoPasswords: PasswordHashing {
    func hash(_ password: String) async throws -> String { password }
    func verify(_ password: String, against hash: String?) async throws -> Bool { false }
}

let jobs = option("--jobs", 20_000)
let workers = option("--workers", 4)
let batch = option("--batch", 8)
let server = try BenchmarkDatabase(connections: workers + 2)
let target = server.target
func database() -> any Database { server.database() }
let sql = database() as! any SQLDatabase

func context() -> ActionContext {
    ActionContext(db: database(), now: Date(), client: ClientInfo(address: "benchmark"), mail: Mailer(links: NoLinks()), passwords: NoPasswords())
}

func clear() async throws {
    try await sql.raw("DELETE FROM jobs WHERE kind = \(bind: NoOp.kind)").run()
}

func count(_ state: JobState) async throws -> Int {
    try await sql.raw("SELECT count(*) AS n FROM jobs WHERE kind = \(bind: NoOp.kind) AND state = \(bind: state.rawValue)")
        .first()!.decode(column: "n", as: Int.self)
}

let clock = ContinuousClock()

try await clear()
say("database: \(target.driverName), jobs: \(jobs), workers: \(workers), batch: \(batch)")

// Enqueueing, one statement per job as actions do it (a sample of a tenth of the jobs).
let sample = max(1, jobs / 10)
var start = clock.now
for _ in 0..<sample { try await context().enqueue(NoOp()) }
let enqueueTime = seconds(clock.now - start)
say(String(format: "enqueue: %d jobs in %.2f s, %.0f jobs/s (one at a time, one connection)", sample, enqueueTime, Double(sample) / enqueueTime))

// The rest in bulk, untimed, so the run below starts with the whole queue waiting.
let rest = jobs - sample
let payload = "{}"
for chunkStart in stride(from: 0, to: rest, by: 500) {
    let rows = (chunkStart..<min(rest, chunkStart + 500)).map { _ -> [any SQLExpression] in
        let now = Date()
        return [SQLBind(UUID()), SQLBind(NoOp.kind), SQLBind(payload), SQLBind(JobState.queued.rawValue), SQLBind(now), SQLBind(0),
                SQLBind(NoOp.maxAttempts), SQLBind(now)]
    }
    let insert = sql.insert(into: "jobs").columns("id", "kind", "payload", "state", "run_at", "attempts", "max_attempts", "created_at")
    for row in rows { insert.values(row) }
    try await insert.run()
}

var handlers = JobHandlers()
handlers.register(NoOp.self) { _, _ in }
let workerPool = JobWorkers(settings: .init(name: "benchmark", count: workers, idlePoll: .milliseconds(5), batch: batch), handlers: handlers,
                            schedules: [], context: context, log: { say($0) })
start = clock.now
let running = Task { await workerPool.run() }
while try await count(.done) < jobs { try await Task.sleep(for: .milliseconds(10)) }
let runTime = seconds(clock.now - start)
workerPool.stop()
await running.value
say(String(format: "run: %d jobs in %.2f s, %.0f jobs/s", jobs, runTime, Double(jobs) / runTime))
let failed = try await count(.failed) + count(.dead)
if failed > 0 { say("failed or dead: \(failed)") }

try await clear()
try await server.shutdown()
