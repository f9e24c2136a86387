import FluentKit

struct CreateSkills: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("skills")
            .field("uri", .string, .identifier(auto: false))
            .field("label", .string, .required)
            .field("kind", .string, .required)
            .field("alt_labels", .string, .required)
            .field("description", .string, .required)
            .create()
        try await database.createIndex("skills_label", on: "skills", "label")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("skills").delete()
    }
}
