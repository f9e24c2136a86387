import FluentKit

/// Random keys made once per installation and shared by every server process (the key that
/// signs anonymous visitors' form tokens).
struct CreateInstanceSecrets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("instance_secrets")
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instance_secrets").delete()
    }
}
