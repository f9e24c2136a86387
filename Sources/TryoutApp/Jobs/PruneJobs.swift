import Foundation
import TryoutStore

/// Daily: forgets finished jobs after a week, so the queue stays small.
public struct PruneJobs: Job {
    public static let kind = "jobs.prune"
    static let keep: TimeInterval = 7 * 86_400

    public init() {}

    /// Idempotent: a second run finds nothing old enough left to delete.
    @Sendable public static func run(_ job: PruneJobs, _ ctx: ActionContext) async throws {
        try await JobAdministration.prune(finishedBefore: ctx.now.addingTimeInterval(-keep), on: ctx.db)
    }
}
