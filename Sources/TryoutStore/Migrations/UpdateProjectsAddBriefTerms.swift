import FluentKit
import SQLKit

/// The brief's remaining terms. One column per ALTER: SQLite adds a single column at a time.
struct UpdateProjectsAddBriefTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let columns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("brief_version", .int, [.required, .sql(.default(1))]),
            ("agreements", .string, [.required, .sql(.default(""))]),
            ("screening_questions", .string, [.required, .sql(.default("[]"))]),
            ("accommodations", .string, [.required, .sql(.default(""))]),
            ("intern_test", .string, []),
            ("updated_at", .datetime, []),
        ]
        for (name, type, constraints) in columns {
            try await database.schema("projects")
                .field(.definition(name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: constraints))
                .update()
        }
    }

    func revert(on database: any Database) async throws {
        for name in ["brief_version", "agreements", "screening_questions", "accommodations", "intern_test", "updated_at"] {
            try await database.schema("projects").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
