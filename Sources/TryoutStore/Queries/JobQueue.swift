import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// A job a worker has claimed: it holds the lease until it reports the outcome.
public struct ClaimedJob: Sendable, Equatable {
    public var id: UUID
    public var kind: String
    public var payload: String
    /// Counting this one.
    public var attempts: Int
    public var maxAttempts: Int
}

/// The `jobs` table as a queue several processes share. Every operation is one statement, so it
/// is atomic on both databases without a transaction of its own; enqueueing runs on whatever
/// connection it is given, which inside an action is the action's transaction.
public enum JobQueue {
    /// Adds a job and returns its id; with `uniqueKey`, does nothing when a job with that key
    /// exists already and returns nil.
    @discardableResult
    public static func enqueue(kind: String, payload: String, runAt: Date, maxAttempts: Int, uniqueKey: String? = nil,
                               at now: Date, on db: any Database) async throws -> UUID? {
        let sql = try sqlDatabase(db)
        let columns = ["id", "kind", "payload", "state", "run_at", "attempts", "max_attempts", "unique_key", "created_at"]
        let id = UUID()
        let values: [any Encodable & Sendable] = [id, kind, payload, JobState.queued.rawValue, runAt, 0, maxAttempts, uniqueKey, now]
        let rows = try await sql.insert(into: JobRecord.schema).columns(columns).values(values.map { SQLBind($0) })
            .ignoringConflicts(with: ["unique_key"]).returning("id").all()
        return rows.isEmpty ? nil : id
    }

    /// Leases up to `limit` due jobs of `kinds` to `worker` until `leaseUntil`: queued ones, failed ones
    /// whose retry time has come, and running ones whose worker's lease ran out. On PostgreSQL
    /// `SKIP LOCKED` lets workers claim side by side without waiting on each other's rows;
    /// SQLite has one writer at a time, so the single `UPDATE … RETURNING` is atomic already.
    public static func claim(kinds: [String], worker: String, limit: Int, leaseUntil: Date, at now: Date, on db: any Database) async throws -> [ClaimedJob] {
        let sql = try sqlDatabase(db)
        guard !kinds.isEmpty else { return [] }
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let query: SQLQueryString = """
            UPDATE jobs SET state = 'running', lease_owner = \(bind: worker), lease_until = \(bind: leaseUntil), attempts = attempts + 1
            WHERE id IN (SELECT id FROM jobs
                         WHERE state IN ('queued', 'failed', 'running') AND kind IN (\(binds: kinds))
                           AND ((state <> 'running' AND run_at <= \(bind: now)) OR (state = 'running' AND lease_until < \(bind: now)))
                         ORDER BY run_at LIMIT \(literal: max(1, limit))\(skipLocked))
            RETURNING id, kind, payload, attempts, max_attempts, run_at
            """
        // RETURNING follows no order, so the batch is put back in the order it was chosen in.
        return try await sql.raw(query).all().map { row in
            (try row.decode(column: "run_at", as: Date.self),
             ClaimedJob(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                        payload: try row.decode(column: "payload", as: String.self),
                        attempts: try row.decode(column: "attempts", as: Int.self),
                        maxAttempts: try row.decode(column: "max_attempts", as: Int.self)))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Records success. Only the lease holder may: a worker that outlived its lease finds the
    /// job claimed by another and leaves the outcome to it.
    public static func complete(_ ids: [UUID], worker: String, at now: Date, on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await sqlDatabase(db).update(JobRecord.schema)
            .set("state", to: JobState.done.rawValue).set("finished_at", to: now)
            .set("lease_owner", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
            .where("id", .in, ids).where("lease_owner", .equal, worker).where("state", .equal, JobState.running.rawValue)
            .run()
    }

    /// Records a failed attempt: the job runs again at `retryAt`, or, with no attempt left (or
    /// `retryAt` nil, for a failure retrying cannot fix), it is dead.
    public static func fail(_ job: ClaimedJob, worker: String, error: String, retryAt: Date?, at now: Date, on db: any Database) async throws {
        let message = String(error.prefix(2000))
        if let retryAt, job.attempts < job.maxAttempts {
            try await finish(job.id, worker: worker, set: [("state", JobState.failed.rawValue), ("run_at", retryAt), ("last_error", message)], on: db)
        } else {
            try await finish(job.id, worker: worker, set: [("state", JobState.dead.rawValue), ("finished_at", now), ("last_error", message)], on: db)
        }
    }

    /// Gives a running job back to the queue untouched, as a worker that stops does with the
    /// jobs it claimed but did not start; the attempt it was charged is returned too.
    public static func release(_ id: UUID, worker: String, on db: any Database) async throws {
        let sql = try sqlDatabase(db)
        try await sql.raw("""
            UPDATE jobs SET state = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
            WHERE id = \(bind: id) AND lease_owner = \(bind: worker) AND state = 'running'
            """).run()
    }

    private static func finish(_ id: UUID, worker: String, set values: [(String, any Encodable & Sendable)], on db: any Database) async throws {
        let sql = try sqlDatabase(db)
        let update = sql.update(JobRecord.schema)
            .set("lease_owner", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
            .where("id", .equal, id).where("lease_owner", .equal, worker).where("state", .equal, JobState.running.rawValue)
        for (column, value) in values { update.set(column, to: value) }
        try await update.run()
    }

    static func sqlDatabase(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        return sql
    }
}
