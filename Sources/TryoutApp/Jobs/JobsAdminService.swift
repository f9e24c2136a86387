import Foundation
import TryoutCore
import TryoutStore

/// The queue as platform admins see it, and what they may do with a dead job: run it again
/// from the first attempt, or discard it. Anyone else is refused as not found.
public enum JobsAdminService {
    public struct Overview: Sendable {
        public var counts: [JobAdministration.Count]
        public var jobs: [JobRecord]
        public var state: JobState?
        public var kind: String?
    }

    /// Counts by kind and state, and the latest jobs, filtered by state and kind when given.
    public static func overview(state rawState: String?, kind rawKind: String?, _ ctx: ActionContext) async throws -> Overview {
        try PlatformAdminService.requireModerator(ctx)
        let state = rawState.flatMap(JobState.init(rawValue:))
        let kind = rawKind.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        return Overview(counts: try await JobAdministration.counts(on: ctx.db),
                        jobs: try await JobAdministration.recent(state: state, kind: kind, on: ctx.db), state: state, kind: kind)
    }

    public static func retry(_ id: JobID?, _ ctx: ActionContext) async throws {
        try await changeDead(id, .jobRetried, ctx) { id, ctx, _ in try await JobAdministration.retry(id, at: ctx.now, on: ctx.db) }
    }

    public static func discard(_ id: JobID?, _ ctx: ActionContext) async throws {
        try await changeDead(id, .jobDiscarded, ctx) { id, ctx, admin in
            try await JobAdministration.discard(id, by: admin.email, at: ctx.now, on: ctx.db)
        }
    }

    /// Only a dead job may be retried or discarded; one that is not (any more) is a conflict.
    private static func changeDead(_ id: JobID?, _ action: AuditAction, _ ctx: ActionContext,
                                   _ change: @escaping @Sendable (UUID, ActionContext, UserRecord) async throws -> Bool) async throws {
        try PlatformAdminService.requireModerator(ctx)
        guard let id, let job = try await JobAdministration.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let admin = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            guard try await change(id.uuid, ctx, admin) else { throw ActionError.conflict("Only a dead job can be retried or discarded.") }
            try await ctx.audit(action, by: admin, detail: "\(job.kind) \(id.uuid.uuidString.lowercased())")
        }
    }
}
