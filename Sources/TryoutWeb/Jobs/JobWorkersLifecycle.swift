import TryoutApp
import Vapor

/// Runs a pool of job workers for as long as the application runs. On shutdown each worker
/// finishes the job in hand and hands back the rest before the application stops.
struct JobWorkersLifecycle: LifecycleHandler {
    let count: Int

    func didBootAsync(_ app: Application) async throws {
        let workers = app.jobWorkers(count: count)
        app.storage[RunningKey.self] = Running(workers: workers, task: Task { await workers.run() })
        app.logger.notice("Running \(count) job worker\(count == 1 ? "" : "s").")
    }

    func shutdownAsync(_ app: Application) async {
        guard let running = app.storage[RunningKey.self] else { return }
        running.workers.stop()
        await running.task.value
    }

    struct Running: Sendable {
        let workers: JobWorkers
        let task: Task<Void, Never>
    }

    private struct RunningKey: StorageKey {
        typealias Value = Running
    }
}
