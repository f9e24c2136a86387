import FluentKit

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("email", .string, .required)
            .field("ip", .string, .required)
            .field("succeeded", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("login_attempts_email_created_at", on: "login_attempts", "email", "created_at")
        try await database.createIndex("login_attempts_ip_created_at", on: "login_attempts", "ip", "created_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}
