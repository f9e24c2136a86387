import FluentKit
import SQLKit

/// PostgreSQL's full-text index gathers new entries in a pending list, up to 4 MB by default,
/// and every search reads the whole list until a vacuum merges it. Right after 20,000 projects
/// were written, a search that matched nothing read 274 pages and took the database 2 ms instead
/// of 0.5 (Benchmarks/README.md, eighteenth round). At 64 kB, the least PostgreSQL allows, a
/// search reads at most eight such pages, and publishing still gathers entries in batches:
/// loading 20,000 projects took 2.2 s, against 1.0 s at 4 MB and 6.5 s with no list at all.
struct UpdateProjectSearchPendingList: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER INDEX project_search_document SET (gin_pending_list_limit = 64)").run()
        try await sql.raw("SELECT gin_clean_pending_list('project_search_document')").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER INDEX project_search_document RESET (gin_pending_list_limit)").run()
    }
}
