import NIOConcurrencyHelpers
import Vapor

/// Work a serving process repeats on a timer (housekeeping, the catalog watch): each run starts
/// `delay` after the previous one ended, a failure is logged and the next run tries again, and
/// shutting down stops it. Shutting down waits for a run under way to end, so that no run reads
/// the application's storage after the application has cleared it.
struct RepeatedWork: LifecycleHandler {
    /// What the log calls it when a run fails.
    let name: String
    let initialDelay: Duration
    let delay: Duration
    let run: @Sendable (Application) async throws -> Void
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(_ name: String, initialDelay: Duration, delay: Duration, run: @escaping @Sendable (Application) async throws -> Void) {
        self.name = name
        self.initialDelay = initialDelay
        self.delay = delay
        self.run = run
    }

    func didBootAsync(_ app: Application) async throws {
        let (name, initialDelay, delay, run) = (name, initialDelay, delay, run)
        let repeating = Task {
            try? await Task.sleep(for: initialDelay)
            while !Task.isCancelled {
                do {
                    try await run(app)
                } catch where !Task.isCancelled {
                    app.logger.warning("\(name) failed: \(String(reflecting: error))")
                } catch {
                    // Shutting down cut the run short: nothing failed.
                }
                try? await Task.sleep(for: delay)
            }
        }
        task.withLockedValue { $0 = repeating }
    }

    func shutdown(_ app: Application) {
        task.withLockedValue { $0 }?.cancel()
    }

    func shutdownAsync(_ app: Application) async {
        let repeating = task.withLockedValue { $0 }
        repeating?.cancel()
        await repeating?.value
    }
}
