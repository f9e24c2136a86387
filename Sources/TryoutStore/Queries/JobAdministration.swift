import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// What platform admins see of the queue, and what they may do with a dead job.
public enum JobAdministration {
    public struct Count: Sendable, Equatable {
        public var kind: String
        public var state: JobState
        public var count: Int
    }

    /// How many jobs there are of each kind in each state.
    public static func counts(on db: any Database) async throws -> [Count] {
        let sql = try JobQueue.sqlDatabase(db)
        let rows = try await sql.raw("SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state ORDER BY kind, state").all()
        return try rows.compactMap { row in
            guard let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
            return Count(kind: try row.decode(column: "kind", as: String.self), state: state, count: try row.decode(column: "n", as: Int.self))
        }
    }

    /// The latest jobs, optionally of one state and one kind: dead ones first by when they died.
    public static func recent(state: JobState?, kind: String?, limit: Int = 100, on db: any Database) async throws -> [JobRecord] {
        let query = JobRecord.query(on: db)
        if let state { query.filter(\.$state == state) }
        if let kind { query.filter(\.$kind == kind) }
        // Kind, then id, break ties, so the same jobs always show in the same order.
        return try await query.sort(\.$runAt, .descending).sort(\.$kind).sort(\.$id).limit(limit).all()
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> JobRecord? {
        try await JobRecord.find(id, on: db)
    }

    /// Gives a dead job all its attempts again, to run now. False when it is not dead (any more).
    public static func retry(_ id: UUID, at now: Date, on db: any Database) async throws -> Bool {
        try await changeDead(id, on: db, """
            UPDATE jobs SET state = 'queued', attempts = 0, run_at = \(bind: now), finished_at = NULL
            WHERE id = \(bind: id) AND state = 'dead' RETURNING id
            """)
    }

    /// Sets a dead job aside for good: it is marked done, so its unique key still keeps the same
    /// work (a reminder) from being queued again, and the reason stays readable.
    public static func discard(_ id: UUID, by admin: String, at now: Date, on db: any Database) async throws -> Bool {
        let note = "Discarded by \(admin). "
        return try await changeDead(id, on: db, """
            UPDATE jobs SET state = 'done', finished_at = \(bind: now), last_error = \(bind: note) || COALESCE(last_error, '')
            WHERE id = \(bind: id) AND state = 'dead' RETURNING id
            """)
    }

    /// Deletes jobs finished before `cutoff`, except those whose unique key stands for work that
    /// must never be queued twice (a reminder sent): a schedule's past slots cannot come back.
    public static func prune(finishedBefore cutoff: Date, on db: any Database) async throws {
        let sql = try JobQueue.sqlDatabase(db)
        try await sql.raw("""
            DELETE FROM jobs WHERE state = 'done' AND finished_at < \(bind: cutoff)
              AND (unique_key IS NULL OR unique_key LIKE 'schedule:%')
            """).run()
    }

    private static func changeDead(_ id: UUID, on db: any Database, _ statement: SQLQueryString) async throws -> Bool {
        try await !JobQueue.sqlDatabase(db).raw(statement).all().isEmpty
    }
}
