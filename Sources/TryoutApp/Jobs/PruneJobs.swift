import Foundation
import TryoutStore

/// Daily: forgets finished jobs after a week, so the queue stays small, and idempotency keys
/// after a day, longer than any client retries a request.
public struct PruneJobs: Job {
    public static let kind = "jobs.prune"
    static let keep: TimeInterval = 7 * 86_400

    public init() {}

    /// Idempotent: a second run finds nothing old enough left to delete.
    @Sendable public static func run(_ job: PruneJobs, _ ctx: ActionContext) async throws {
        try await JobAdministration.prune(finishedBefore: ctx.now.addingTimeInterval(-keep), on: ctx.db)
        try await IdempotencyKeys.prune(before: ctx.now.addingTimeInterval(-86_400), on: ctx.db)
    }
}
