import FluentKit
import SQLKit

/// A number per project that the database raises whenever anything its applicants list shows may
/// have changed: an application (applied, moved, revealed, withdrawn, scored or its score
/// forgotten) or an applicant's name. Servers keep the rendered list until it moves
/// (`ApplicantTables`), however many share the database and whichever code wrote the change, as the
/// database's own triggers raise it in the writing transaction.
///
/// The rest of what a row shows follows from these: a profile, proven work or the brief change a
/// match only by forgetting the kept scores (`MatchScores.forget`), which updates the applications.
struct CreateApplicantListVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.createVersions("applicant_list_versions", key: "project_id", of: "projects")
        // The project of an application never changes, so an update raises only its project's.
        let raise = "ON CONFLICT (project_id) DO UPDATE SET version = applicant_list_versions.version + 1"
        let named = "SELECT DISTINCT project_id, 1 FROM applications WHERE user_id = NEW.id"
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION application_listed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO applicant_list_versions (project_id, version)
                  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id ELSE NEW.project_id END, 1) \(unsafeRaw: raise);
                  RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE FUNCTION applicant_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO applicant_list_versions (project_id, version) \(unsafeRaw: named) \(unsafeRaw: raise);
                  RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER applications_listed AFTER INSERT OR UPDATE OR DELETE ON applications
                FOR EACH ROW EXECUTE FUNCTION application_listed()
                """).run()
            try await sql.raw("""
                CREATE TRIGGER users_applicant_renamed AFTER UPDATE OF display_name ON users
                FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION applicant_renamed()
                """).run()
        } else {
            for (event, row) in [("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")] {
                try await sql.raw("""
                    CREATE TRIGGER applications_listed_\(unsafeRaw: event) AFTER \(unsafeRaw: event.uppercased()) ON applications
                    BEGIN INSERT INTO applicant_list_versions (project_id, version) VALUES (\(unsafeRaw: row).project_id, 1) \(unsafeRaw: raise); END
                    """).run()
            }
            try await sql.raw("""
                CREATE TRIGGER users_applicant_renamed AFTER UPDATE OF display_name ON users
                WHEN NEW.display_name IS NOT OLD.display_name
                BEGIN INSERT INTO applicant_list_versions (project_id, version) \(unsafeRaw: named) \(unsafeRaw: raise); END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER users_applicant_renamed ON users").run()
            try await sql.raw("DROP TRIGGER applications_listed ON applications").run()
            try await sql.raw("DROP FUNCTION applicant_renamed()").run()
            try await sql.raw("DROP FUNCTION application_listed()").run()
        } else {
            try await sql.raw("DROP TRIGGER users_applicant_renamed").run()
            for event in ["insert", "update", "delete"] { try await sql.raw("DROP TRIGGER applications_listed_\(unsafeRaw: event)").run() }
        }
        try await database.schema("applicant_list_versions").delete()
    }
}
