import FluentKit
import SQLKit

/// The manager's final evaluation of a completed engagement and the candidate's exit survey, one
/// of each per engagement.
struct CreateEvaluations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("final_evaluations")
            .id()
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("computed_score", .int)
            .field("overall_score", .int, .required)
            .field("reason", .string, .required)
            .field("recommendation", .string, .required)
            .field("satisfaction", .int, .required)
            .field("summary", .string, .required)
            .field("signals", .string, .required)
            .field("recorded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "engagement_id")
            .create()

        try await database.schema("exit_surveys")
            .id()
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("ratings", .string, .required)
            .field("comment", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id")
            .create()
        try await database.createIndex("exit_surveys_organization", on: "exit_surveys", "organization_id")
        try await database.createIndex("exit_surveys_project", on: "exit_surveys", "project_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("exit_surveys").delete()
        try await database.schema("final_evaluations").delete()
    }
}
