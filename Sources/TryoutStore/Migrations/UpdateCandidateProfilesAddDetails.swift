import FluentKit

/// The rest of a candidate profile, and voluntary demographics in a table of their own that no
/// employer page reads: only aggregate fairness reports use them.
struct UpdateCandidateProfilesAddDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        let columns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("portfolio_url", .string, [.required, .sql(.default(""))]),
            ("github_url", .string, [.required, .sql(.default(""))]),
            ("linkedin_url", .string, [.required, .sql(.default(""))]),
            ("available_from", .datetime, []),
            ("available_to", .datetime, []),
            ("languages", .string, [.required, .sql(.default(""))]),
            ("education", .string, [.required, .sql(.default(""))]),
            ("accommodations", .string, [.required, .sql(.default(""))]),
            ("discoverable", .bool, [.required, .sql(.default(false))]),
            ("updated_at", .datetime, []),
        ]
        for (name, type, constraints) in columns {
            try await database.schema("candidate_profiles")
                .field(.definition(name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: constraints))
                .update()
        }
        try await database.schema("candidate_demographics")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("gender", .string)
            .field("race_ethnicity", .string)
            .field("disability", .string)
            .field("first_generation", .string)
            .field("veteran", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("candidate_demographics").delete()
        for name in ["portfolio_url", "github_url", "linkedin_url", "available_from", "available_to", "languages", "education",
                     "accommodations", "discoverable", "updated_at"] {
            try await database.schema("candidate_profiles").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
