import FluentKit
import SQLKit

/// Disputes about a decision on a version, an early ending or the amount owed, and when a
/// disputed version was reopened for a new review.
struct CreateDisputes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("submissions").field("reopened_at", .datetime).update()
        try await database.schema("disputes")
            .id()
            .field("engagement_id", .uuid, .required, .references("engagements", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("subject", .string, .required)
            .field("submission_id", .uuid, .references("submissions", "id", onDelete: .cascade))
            .field("opened_by", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("opened_side", .string, .required)
            .field("statement", .string, .required)
            .field("evidence", .string, .required)
            .field("state", .string, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("answered_at", .datetime)
            .field("outcome", .string)
            .field("decision_note", .string)
            .field("share_percent", .int)
            .field("reviewer_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("decided_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("withdrawn_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("disputes_engagement", on: "disputes", "engagement_id")
        try await database.createIndex("disputes_state", on: "disputes", "state", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disputes").delete()
        try await database.schema("submissions").deleteField("reopened_at").update()
    }
}
