import FluentKit

/// An organization's own hourly pay floor. One column per ALTER: SQLite adds a single column at a time.
struct UpdateOrganizationsAddPayFloor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("pay_floor_minor", .int64).update()
        try await database.schema("organizations").field("pay_floor_currency", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("pay_floor_currency").update()
        try await database.schema("organizations").deleteField("pay_floor_minor").update()
    }
}
