import FluentKit
import SQLKit

/// Candidates' payout details (sealed: the store never sees them in the clear), payout batches,
/// and their items: what each batch pays each candidate for each organization's work, with the
/// candidate's details as they were when the batch was made, so a bank file made again is the same.
struct CreatePayouts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("payout_details")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("method", .string, .required)
            .field("masked", .string, .required)
            .field("sealed", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema("payout_batches")
            .id()
            .field("reference", .string, .required)
            .field("currency", .string, .required)
            .field("total_minor", .int64, .required)
            .field("transfers", .int, .required)
            .field("state", .string, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("approved_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("approved_at", .datetime)
            .field("closed_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("closed_at", .datetime)
            .field("bank_reference", .string)
            .unique(on: "reference")
            .create()
        try await database.createIndex("payout_batches_created", on: "payout_batches", "created_at")
        // Candidates and organizations are not foreign keys: like the ledger, payouts outlive them.
        try await database.schema("payout_items")
            .id()
            .field("batch_id", .uuid, .required, .references("payout_batches", "id", onDelete: .restrict))
            .field("candidate_id", .uuid, .required)
            .field("organization_id", .uuid, .required)
            .field("amount_minor", .int64, .required)
            .field("masked", .string, .required)
            .field("sealed", .string, .required)
            .constraint(.sql(embed: "CONSTRAINT payout_items_positive CHECK (amount_minor > 0)"))
            .unique(on: "batch_id", "candidate_id", "organization_id")
            .create()
        try await database.createIndex("payout_items_candidate", on: "payout_items", "candidate_id")
        try await database.createIndex("payout_items_organization", on: "payout_items", "organization_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payout_items").delete()
        try await database.schema("payout_batches").delete()
        try await database.schema("payout_details").delete()
    }
}
