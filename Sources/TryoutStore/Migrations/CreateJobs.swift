import FluentKit
import SQLKit

struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("lease_owner", .string)
            .field("lease_until", .datetime)
            .field("last_error", .string)
            .field("unique_key", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "unique_key")
            .create()
        // Claiming reads the unfinished jobs in run-at order: a partial index keeps the week of
        // finished ones out of its way. The admin page counts by kind and state.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX jobs_unfinished ON jobs (run_at) WHERE state IN ('queued', 'failed', 'running')").run()
        }
        try await database.createIndex("jobs_kind_state", on: "jobs", "kind", "state")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
