import FluentKit
import SQLKit

/// ESCO occupations and the skills each one needs, filled by `tryout taxonomy import`.
struct CreateOccupations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("occupations")
            .field("uri", .string, .identifier(auto: false))
            .field("label", .string, .required)
            .field("alt_labels", .string, .required)
            .field("description", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE TABLE occupation_skills (
                occupation_uri TEXT NOT NULL REFERENCES occupations (uri) ON DELETE CASCADE,
                skill_uri TEXT NOT NULL REFERENCES skills (uri) ON DELETE CASCADE,
                essential BOOLEAN NOT NULL,
                PRIMARY KEY (occupation_uri, skill_uri))
            """).run()
        try await database.createIndex("occupation_skills_skill", on: "occupation_skills", "skill_uri")
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE occupation_skills").run()
        try await database.schema("occupations").delete()
    }
}
