import FluentKit
import TryoutCore
import TryoutStore

/// What an action holds while it decides: nothing beyond its transaction, or one project's or
/// one engagement's lock, so that two decisions on the same thing run one after the other.
public enum ActionLock: Sendable {
    case none
    case project(ProjectID)
    case engagement(EngagementID)
}

extension ActionContext {
    /// The one sequence every action that changes something follows. The caller has checked
    /// permission first (a refusal never takes a lock). Then, under `lock` and in one
    /// transaction, `body` reads afresh what it decides on, asks Core whether the state allows
    /// the move, writes, and records its audit entry, notifications and mail on the same
    /// transaction: all of it happens or none. A Core refusal becomes `ActionError.conflict`.
    /// SQLite refuses, rather than waits for, a transaction that would deadlock with another
    /// writer (a job worker saving at the same moment), and PostgreSQL ends one of two that wait
    /// for each other (`WriteConflict`); nothing of it was written, so it runs again, a few
    /// times, after a short random pause.
    public func act<T: Sendable>(locking lock: ActionLock,
                                 _ body: @escaping @Sendable (ActionContext) async throws -> T) async throws -> T {
        let context = self
        let inTransaction: @Sendable (any Database) async throws -> T = { tx in try await body(context.on(tx)) }
        var attempt = 1
        while true {
            do {
                switch lock {
                case .none: return try await db.transaction(inTransaction)
                case .project(let id): return try await DecisionLock.run(projectID: id.uuid, on: db, inTransaction)
                case .engagement(let id): return try await DecisionLock.run(engagementID: id.uuid, on: db, inTransaction)
                }
            } catch let refusal as any StateRefusal {
                throw ActionError.conflict(refusal.description)
            } catch where attempt < Self.writeAttempts && WriteConflict.isRetryable(error) {
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...25) * attempt))
                attempt += 1
            }
        }
    }

    static let writeAttempts = 8
}
