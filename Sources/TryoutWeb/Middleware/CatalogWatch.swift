import Foundation
import NIOCore
import TryoutStore
import Vapor

/// While serving, reads the catalog's version from the database twice a second and hands it to
/// the kept pages (`PublicPageStore`): a publication on any server retires every page rendered
/// before it within half a second of its commit, and pages nobody changed stay kept meanwhile.
struct CatalogWatch: LifecycleHandler {
    static let interval: TimeAmount = .milliseconds(500)

    func didBootAsync(_ app: Application) async throws {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .zero, delay: Self.interval) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await Self.check(app)
                } catch {
                    // The kept pages fall back to their plain lifetime until a check succeeds.
                    app.logger.warning("reading the catalog's version failed: \(String(reflecting: error))")
                }
            }
        }
        app.storage[TaskKey.self] = task
    }

    func shutdown(_ app: Application) {
        app.storage[TaskKey.self]?.cancel()
    }

    static func check(_ app: Application) async throws {
        let version = try await Catalog.version(on: app.db)
        app.publicPages.catalog(version: version, checkedAt: app.tryout.now())
    }

    private struct TaskKey: StorageKey {
        typealias Value = RepeatedTask
    }
}
