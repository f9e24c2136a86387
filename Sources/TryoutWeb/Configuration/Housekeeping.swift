import Foundation
import TryoutStore
import NIOCore
import Vapor

/// Hourly clean-up while serving: expired sessions and sign-in attempts older than the
/// throttle windows would otherwise pile up forever.
struct Housekeeping: LifecycleHandler {
    static let interval: TimeAmount = .hours(1)

    func didBootAsync(_ app: Application) async throws {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: Self.interval) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await Self.run(app)
                } catch {
                    app.logger.warning("housekeeping failed: \(String(reflecting: error))")
                }
            }
        }
        app.storage[TaskKey.self] = task
    }

    func shutdown(_ app: Application) {
        app.storage[TaskKey.self]?.cancel()
    }

    static func run(_ app: Application) async throws {
        let throttle = app.tryout.loginThrottle
        try await Accounts.deleteExpired(at: app.tryout.now(), keepingAttemptsFor: max(throttle.perAccount.window, throttle.perAddress.window),
                                         on: app.db)
    }

    private struct TaskKey: StorageKey {
        typealias Value = RepeatedTask
    }
}
