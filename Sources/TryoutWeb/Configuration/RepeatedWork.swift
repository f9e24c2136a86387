import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Work a serving process repeats on a timer (housekeeping, the catalog watch): each run starts
/// `delay` after the previous one ended, a failure is logged and the next run tries again, and
/// shutting down stops it.
struct RepeatedWork: LifecycleHandler {
    /// What the log calls it when a run fails.
    let name: String
    let initialDelay: TimeAmount
    let delay: TimeAmount
    let run: @Sendable (Application) async throws -> Void
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    init(_ name: String, initialDelay: TimeAmount, delay: TimeAmount, run: @escaping @Sendable (Application) async throws -> Void) {
        self.name = name
        self.initialDelay = initialDelay
        self.delay = delay
        self.run = run
    }

    func didBootAsync(_ app: Application) async throws {
        let (name, run) = (name, run)
        let scheduled = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: initialDelay, delay: delay) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await run(app)
                } catch {
                    app.logger.warning("\(name) failed: \(String(reflecting: error))")
                }
            }
        }
        task.withLockedValue { $0 = scheduled }
    }

    func shutdown(_ app: Application) {
        task.withLockedValue { $0?.cancel() }
    }
}
