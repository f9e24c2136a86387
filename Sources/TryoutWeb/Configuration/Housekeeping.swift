import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Hourly clean-up while serving (`RepeatedWork`): expired sessions and sign-in attempts older
/// than the throttle windows would otherwise pile up forever.
enum Housekeeping {
    static let interval: Duration = .seconds(3600)

    static func run(_ app: Application) async throws {
        let throttle = app.tryout.loginThrottle
        let now = app.tryout.now()
        try await Accounts.deleteExpired(at: now, keepingAttemptsFor: max(throttle.perAccount.window, throttle.perAddress.window),
                                         on: app.db)
        try await AccountSecurity.deleteEvents(olderThan: now.addingTimeInterval(-RequestLimits.longestWindow), on: app.db)
        let removed = try await sweepFiles(app)
        if removed > 0 { app.logger.notice("removed \(removed) unreferenced uploaded files") }
    }

    /// Files an upload left behind (refused, interrupted, or whose version was never registered),
    /// once they are an hour old: younger ones may belong to a version being handed in right now.
    static func sweepFiles(_ app: Application) async throws -> Int {
        let referenced = try await Submissions.referencedHashes(on: app.db)
        // Against the wall clock, as the file system stamps files with it.
        return try app.tryout.fileStorage.sweep(referenced: referenced, olderThan: Date().addingTimeInterval(-3600))
    }
}
