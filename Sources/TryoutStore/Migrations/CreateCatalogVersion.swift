import FluentKit
import SQLKit

/// A number the database raises whenever anything anonymous visitors see may have changed: a
/// project, its skills or its search entry, an organization, a skill's label. Servers keep the
/// shared pages until it moves (`PublicPageStore`), however many servers share the database and
/// whichever code wrote the change, as the database's own triggers raise it in the writing
/// transaction.
struct CreateCatalogVersion: AsyncMigration {
    /// SQLite's search text lives in a virtual table, which takes no trigger; its facets are
    /// rewritten with it. PostgreSQL keeps both in `project_search`.
    private static func tables(postgres: Bool) -> [String] {
        ["projects", "project_skills", "organizations", "skills", postgres ? "project_search" : "project_search_facets"]
    }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let postgres = sql.dialect.name == "postgresql"
        try await sql.raw("CREATE TABLE catalog_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO catalog_version (id, version) VALUES (1, 0)").run()
        if postgres {
            try await sql.raw("""
                CREATE FUNCTION catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE catalog_version SET version = version + 1 WHERE id = 1;
                  RETURN NULL;
                END $$
                """).run()
            // Once a statement, however many rows it wrote.
            for table in Self.tables(postgres: true) {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(unsafeRaw: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed()
                    """).run()
            }
        } else {
            for table in Self.tables(postgres: false) {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: table)_catalog_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table)
                        BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let postgres = sql.dialect.name == "postgresql"
        for table in Self.tables(postgres: postgres) {
            if postgres {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_catalog ON \(unsafeRaw: table)").run()
            } else {
                for event in ["insert", "update", "delete"] { try await sql.raw("DROP TRIGGER \(unsafeRaw: table)_catalog_\(unsafeRaw: event)").run() }
            }
        }
        if postgres { try await sql.raw("DROP FUNCTION catalog_changed()").run() }
        try await sql.raw("DROP TABLE catalog_version").run()
    }
}
