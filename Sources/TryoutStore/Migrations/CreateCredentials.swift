import FluentKit
import SQLKit

/// Issued credentials with their status list slots, the issuer's public signing keys, portfolios,
/// endorsements, and the organizations' choice to let candidates show accepted work.
struct CreateCredentials: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Public keys only: every key ever used stays here, so credentials signed before a rotation still verify.
        try await database.schema("signing_keys")
            .field("id", .string, .identifier(auto: false))
            .field("public_jwk", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // Engagements and people are not foreign keys: a credential outlives the accounts it names.
        try await database.schema("credentials")
            .id()
            .field("engagement_id", .uuid, .required)
            .field("candidate_id", .uuid, .required)
            .field("organization_id", .uuid, .required)
            .field("project_id", .uuid, .required)
            .field("name", .string, .required)
            .field("organization_name", .string, .required)
            .field("status_list", .int, .required)
            .field("status_index", .int, .required)
            .field("jwt", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid)
            .field("revocation_reason", .string)
            .unique(on: "engagement_id")
            .unique(on: "status_list", "status_index")
            .create()
        try await database.createIndex("credentials_candidate", on: "credentials", "candidate_id")
        try await database.schema("portfolios")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("slug", .string)
            .field("headline", .string, .required)
            .field("published", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .unique(on: "slug")
            .create()
        try await database.schema("endorsements")
            .id()
            .field("credential_id", .uuid, .required, .references("credentials", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("author_name", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "credential_id", "author_id")
            .create()
        try await database.schema("organizations").field("showcase_work", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("showcase_work").update()
        try await database.schema("endorsements").delete()
        try await database.schema("portfolios").delete()
        try await database.schema("credentials").delete()
        try await database.schema("signing_keys").delete()
    }
}
