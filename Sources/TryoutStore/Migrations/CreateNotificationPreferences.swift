import FluentKit

/// How each person takes each kind of news by e-mail (a row only for a kind they chose), and
/// the time zone their daily digest keeps, for people without a candidate profile to say it.
struct CreateNotificationPreferences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notification_preferences")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("preference", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id", "category")
            .create()
        try await database.schema("users").field("time_zone", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("time_zone").update()
        try await database.schema("notification_preferences").delete()
    }
}
