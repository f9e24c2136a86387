import FluentKit
import SQLKit

/// Rubric reviews: each project's review settings and reviewers, who is asked to score which
/// version, the scorecards themselves, and whether candidates see individual scorecards.
struct CreateReviews: AsyncMigration {
    private static let projectColumns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
        ("review_panel_size", .int, [.required, .sql(.default(1))]),
        ("review_rotation", .string, [.required, .sql(.default("fixed"))]),
        ("review_manager_scores", .bool, [.required, .sql(.default(false))]),
        ("review_blind", .bool, [.required, .sql(.default(true))]),
        ("auto_accept_days", .int, [.required, .sql(.default(14))]),
    ]

    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        for (name, type, constraints) in Self.projectColumns {
            try await database.schema("projects")
                .field(.definition(name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: constraints))
                .update()
        }
        try await database.schema("organizations").field("show_reviewer_scores", .bool, .required, .sql(.default(false))).update()
        try await database.schema("submissions").field("auto_accepted", .bool, .required, .sql(.default(false))).update()

        try await database.schema("project_reviewers")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "project_id", "user_id")
            .create()

        try await database.schema("review_assignments")
            .id()
            .field("submission_id", .uuid, .required, .references("submissions", "id", onDelete: .cascade))
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("reviewer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("assigned_at", .datetime, .required)
            .unique(on: "submission_id", "reviewer_id")
            .create()
        try await database.createIndex("review_assignments_reviewer", on: "review_assignments", "reviewer_id", "assigned_at")

        try await database.schema("scorecards")
            .id()
            .field("submission_id", .uuid, .required, .references("submissions", "id", onDelete: .cascade))
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("reviewer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("levels", .string, .required)
            .field("comments", .string, .required)
            .field("note", .string, .required)
            .field("weighted_score", .int, .required)
            .field("assigned_at", .datetime)
            .field("submitted_at", .datetime, .required)
            .unique(on: "submission_id", "reviewer_id")
            .create()
        try await database.createIndex("scorecards_project", on: "scorecards", "project_id")
        try await database.createIndex("scorecards_organization", on: "scorecards", "organization_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scorecards").delete()
        try await database.schema("review_assignments").delete()
        try await database.schema("project_reviewers").delete()
        try await database.schema("submissions").deleteField("auto_accepted").update()
        try await database.schema("organizations").deleteField("show_reviewer_scores").update()
        for (name, _, _) in Self.projectColumns.reversed() {
            try await database.schema("projects").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
