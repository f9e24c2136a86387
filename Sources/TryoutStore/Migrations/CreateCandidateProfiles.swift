import FluentKit

struct CreateCandidateProfiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("candidate_profiles")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .field("headline", .string, .required)
            .field("hours_per_week", .int, .required)
            .field("time_zone", .string, .required)
            .field("location", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .unique(on: "slug")
            .create()
        try await database.schema("candidate_skills")
            .id()
            .field("profile_id", .uuid, .required, .references("candidate_profiles", "id", onDelete: .cascade))
            .field("skill_uri", .string, .required, .references("skills", "uri"))
            .field("level", .int, .required)
            .unique(on: "profile_id", "skill_uri")
            .create()
        try await database.createIndex("candidate_skills_skill_uri", on: "candidate_skills", "skill_uri")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("candidate_skills").delete()
        try await database.schema("candidate_profiles").delete()
    }
}
