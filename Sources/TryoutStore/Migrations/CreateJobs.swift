import FluentKit

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
        // Claiming reads due jobs in run-at order; the admin page counts by state and kind.
        try await database.createIndex("jobs_state_run_at", on: "jobs", "state", "run_at")
        try await database.createIndex("jobs_kind_state", on: "jobs", "kind", "state")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
