import FluentKit
import SQLKit

/// The double-entry ledger: accounts with their cached balances, journal entries and their
/// postings; the escrow terms fixed when a paid project is published; and invoices for funding.
///
/// The database guards the ledger on its own, whatever code writes to it:
/// - an account's cached balance never goes below its floor (a CHECK), so escrow and payables
///   cannot go negative and a balance only as far as its credit;
/// - postings and entries are never updated or deleted (triggers);
/// - an entry's postings balance per currency. A posting's entry is written after the posting
///   (the foreign key waits for the commit), and on SQLite a trigger refuses an entry whose
///   postings do not balance or a posting added to an entry already written; on PostgreSQL a
///   constraint trigger deferred to the commit checks every entry that was posted to.
struct CreateLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_accounts")
            .id()
            .field("kind", .string, .required)
            // The platform's own accounts are owned by the nil UUID, so the unique key holds for them too.
            .field("owner_id", .uuid, .required)
            .field("currency", .string, .required)
            .field("balance_minor", .int64, .required)
            .field("credit_limit_minor", .int64, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "owner_id", "currency")
            .constraint(.sql(embed: """
                CONSTRAINT ledger_accounts_floor CHECK (kind = 'external_funding' OR balance_minor >= \
                CASE WHEN kind = 'organization_balance' THEN -credit_limit_minor ELSE 0 END)
                """))
            .create()
        try await database.schema("journal_entries")
            .id()
            .field("kind", .string, .required)
            .field("memo", .string, .required)
            .field("unique_key", .string)
            .field("organization_id", .uuid)
            .field("project_id", .uuid)
            .field("engagement_id", .uuid)
            .field("milestone_id", .uuid)
            .field("reverses_id", .uuid)
            .field("actor_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "unique_key")
            .create()
        try await database.schema("postings")
            .id()
            .field("entry_id", .uuid, .required)
            .field("account_id", .uuid, .required, .references("ledger_accounts", "id"))
            .field("currency", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("created_at", .datetime, .required)
            .constraint(.sql(embed: "FOREIGN KEY (entry_id) REFERENCES journal_entries (id) DEFERRABLE INITIALLY DEFERRED"))
            .constraint(.sql(embed: "CHECK (amount_minor <> 0)"))
            .create()
        try await database.createIndex("postings_entry", on: "postings", "entry_id")
        try await database.createIndex("postings_account", on: "postings", "account_id", "created_at")
        try await database.createIndex("journal_entries_organization", on: "journal_entries", "organization_id", "created_at")
        try await database.createIndex("journal_entries_engagement", on: "journal_entries", "engagement_id")
        try await database.createIndex("journal_entries_project", on: "journal_entries", "project_id")
        if let sql = database as? any SQLDatabase {
            for statement in sql.dialect.name == "postgresql" ? Self.postgresGuards : Self.sqliteGuards {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }

        try await database.schema("project_escrows")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("currency", .string, .required)
            .field("pay_minor", .int64, .required)
            .field("fee_basis_points", .int, .required)
            .field("places", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "project_id")
            .create()
        try await database.schema("invoices")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("reference", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("state", .string, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("paid_at", .datetime)
            .field("recorded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("bank_reference", .string)
            .field("entry_id", .uuid)
            .unique(on: "reference")
            .create()
        try await database.createIndex("invoices_organization", on: "invoices", "organization_id", "created_at")
    }

    static let sqliteGuards = [
        """
        CREATE TRIGGER journal_entries_balanced BEFORE INSERT ON journal_entries
        WHEN NOT EXISTS (SELECT 1 FROM postings WHERE entry_id = NEW.id)
          OR EXISTS (SELECT 1 FROM postings WHERE entry_id = NEW.id GROUP BY currency HAVING SUM(amount_minor) <> 0)
        BEGIN SELECT RAISE(ABORT, 'ledger: a journal entry must have postings that balance per currency'); END
        """,
        """
        CREATE TRIGGER postings_sealed BEFORE INSERT ON postings
        WHEN EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id)
        BEGIN SELECT RAISE(ABORT, 'ledger: a journal entry already written takes no more postings'); END
        """,
        "CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings BEGIN SELECT RAISE(ABORT, 'ledger: postings are append-only'); END",
        "CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings BEGIN SELECT RAISE(ABORT, 'ledger: postings are append-only'); END",
        "CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries BEGIN SELECT RAISE(ABORT, 'ledger: journal entries are append-only'); END",
        "CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries BEGIN SELECT RAISE(ABORT, 'ledger: journal entries are append-only'); END",
    ]

    static let postgresGuards = [
        """
        CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id)
             OR EXISTS (SELECT 1 FROM postings WHERE entry_id = NEW.entry_id GROUP BY currency HAVING SUM(amount_minor) <> 0) THEN
            RAISE EXCEPTION 'ledger: journal entry % must have postings that balance per currency', NEW.entry_id
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN NULL;
        END $$
        """,
        """
        CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced()
        """,
        """
        CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'ledger: % is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
        END $$
        """,
        "CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()",
        "CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()",
    ]

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TABLE postings, journal_entries CASCADE").run()
            try await sql.raw("DROP FUNCTION ledger_entry_balanced, ledger_append_only").run()
        } else {
            try await database.schema("postings").delete()
            try await database.schema("journal_entries").delete()
        }
        try await database.schema("invoices").delete()
        try await database.schema("project_escrows").delete()
        try await database.schema("ledger_accounts").delete()
    }
}
