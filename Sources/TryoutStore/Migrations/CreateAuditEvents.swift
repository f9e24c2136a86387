import FluentKit

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("organization_id", .uuid)
            .field("actor_user_id", .uuid)
            .field("actor_email", .string, .required)
            .field("action", .string, .required)
            .field("detail", .string, .required)
            .field("ip", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("audit_events_organization_id_created_at", on: "audit_events", "organization_id", "created_at")
        try await database.createIndex("audit_events_created_at", on: "audit_events", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
