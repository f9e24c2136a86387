import FluentKit

/// Students of a partner organization (a university, a bootcamp) see the projects shared with
/// it. They join by an e-mailed link, which proves they read that mailbox.
struct CreatePartnerStudents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partner_students")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "organization_id", "user_id")
            .create()
        try await database.createIndex("partner_students_user_id", on: "partner_students", "user_id")
        try await database.schema("student_invitations")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("token_hash", .string, .required)
            .field("invited_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("student_invitations_organization_id", on: "student_invitations", "organization_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("student_invitations").delete()
        try await database.schema("partner_students").delete()
    }
}
