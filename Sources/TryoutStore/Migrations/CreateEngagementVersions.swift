import FluentKit
import SQLKit

/// A number per engagement that the database raises whenever anything its overview or its thread
/// shows may have changed: the engagement itself, its team, agreements, checklist, milestones,
/// versions and their files, check-ins, messages and credential, its organization's members, and
/// the names they show (the candidate's, a member's, an author's, the project's and the
/// organization's). Servers keep what those pages show until it moves (`EngagementOverviews`,
/// `EngagementThreads`), however many share the database and whichever code wrote the change, as
/// the database's own triggers raise it in the writing transaction.
///
/// What differs per person (their role, unread messages) and the time logged are read on every
/// view, so time entries and read marks leave it alone.
struct CreateEngagementVersions: AsyncMigration {
    /// Each table whose rows the pages show, with the engagements a row of it (`ROW`) shows on:
    /// an organization's members are the people a manager may add to the team.
    static let parts = ["engagement_team", "agreements", "checklist_items", "milestones", "submissions", "submission_files", "check_ins",
                        "engagement_messages", "credentials"].map { ($0, "ROW.engagement_id") }
        + [("members", "SELECT id FROM engagements WHERE organization_id = ROW.organization_id")]

    /// The tables whose names the pages show, each with the column that names and the engagements
    /// that show it.
    static let names = [
        ("users", "display_name", """
            SELECT id FROM engagements WHERE candidate_id = NEW.id
            UNION SELECT engagement_id FROM engagement_team WHERE user_id = NEW.id
            UNION SELECT engagement_id FROM engagement_messages WHERE author_id = NEW.id
            UNION SELECT e.id FROM engagements AS e JOIN members AS m ON m.organization_id = e.organization_id WHERE m.user_id = NEW.id
            """),
        ("projects", "title", "SELECT id FROM engagements WHERE project_id = NEW.id"),
        ("organizations", "name", "SELECT id FROM engagements WHERE organization_id = NEW.id"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.createVersions("engagement_versions", key: "engagement_id", of: "engagements")
        // A rename finds the messages its author wrote without reading every message.
        try await database.createIndex("engagement_messages_author_id", on: "engagement_messages", "author_id")
        // Only for an engagement that still exists: deleting one deletes its parts after it, and
        // a credential outlives its engagement.
        func raise(_ engagements: String) -> String {
            """
            INSERT INTO engagement_versions (engagement_id, version)
            SELECT id, 1 FROM engagements WHERE id IN (\(engagements))
            ON CONFLICT (engagement_id) DO UPDATE SET version = engagement_versions.version + 1
            """
        }
        if sql.dialect.name == "postgresql" {
            for (table, engagements) in Self.parts {
                try await sql.raw("""
                    CREATE FUNCTION \(unsafeRaw: table)_engagement_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                    DECLARE r RECORD;
                    BEGIN
                      IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
                      \(unsafeRaw: raise(engagements.replacingOccurrences(of: "ROW.", with: "r.")));
                      RETURN NULL;
                    END $$
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_engagement_changed AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                    FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: table)_engagement_changed()
                    """).run()
            }
            try await sql.raw("""
                CREATE FUNCTION engagement_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN \(unsafeRaw: raise("NEW.id")); RETURN NULL; END $$
                """).run()
            try await sql.raw("CREATE TRIGGER engagements_changed AFTER UPDATE ON engagements FOR EACH ROW EXECUTE FUNCTION engagement_changed()").run()
            for (table, column, engagements) in Self.names {
                try await sql.raw("""
                    CREATE FUNCTION \(unsafeRaw: table)_engagement_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN \(unsafeRaw: raise(engagements)); RETURN NULL; END $$
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_engagement_renamed AFTER UPDATE OF \(unsafeRaw: column) ON \(unsafeRaw: table)
                    FOR EACH ROW WHEN (OLD.\(unsafeRaw: column) IS DISTINCT FROM NEW.\(unsafeRaw: column))
                    EXECUTE FUNCTION \(unsafeRaw: table)_engagement_renamed()
                    """).run()
            }
        } else {
            for (table, engagements) in Self.parts {
                for (event, row) in [("insert", "NEW."), ("update", "NEW."), ("delete", "OLD.")] {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: table)_engagement_changed_\(unsafeRaw: event) AFTER \(unsafeRaw: event.uppercased()) ON \(unsafeRaw: table)
                        BEGIN \(unsafeRaw: raise(engagements.replacingOccurrences(of: "ROW.", with: row))); END
                        """).run()
                }
            }
            try await sql.raw("CREATE TRIGGER engagements_changed AFTER UPDATE ON engagements BEGIN \(unsafeRaw: raise("NEW.id")); END").run()
            for (table, column, engagements) in Self.names {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_engagement_renamed AFTER UPDATE OF \(unsafeRaw: column) ON \(unsafeRaw: table)
                    WHEN NEW.\(unsafeRaw: column) IS NOT OLD.\(unsafeRaw: column)
                    BEGIN \(unsafeRaw: raise(engagements)); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let postgres = sql.dialect.name == "postgresql"
        for (table, _, _) in Self.names {
            try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_engagement_renamed\(unsafeRaw: postgres ? " ON \(table)" : "")").run()
            if postgres { try await sql.raw("DROP FUNCTION \(unsafeRaw: table)_engagement_renamed()").run() }
        }
        try await sql.raw("DROP TRIGGER engagements_changed\(unsafeRaw: postgres ? " ON engagements" : "")").run()
        if postgres { try await sql.raw("DROP FUNCTION engagement_changed()").run() }
        for (table, _) in Self.parts {
            if postgres {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_engagement_changed ON \(unsafeRaw: table)").run()
                try await sql.raw("DROP FUNCTION \(unsafeRaw: table)_engagement_changed()").run()
            } else {
                for event in ["insert", "update", "delete"] { try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_engagement_changed_\(unsafeRaw: event)").run() }
            }
        }
        try await sql.raw("DROP INDEX engagement_messages_author_id").run()
        try await database.schema("engagement_versions").delete()
    }
}
