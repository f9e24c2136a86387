import FluentKit
import SQLKit

/// Applications to a project without blind screening were shown, names and all, from the moment
/// they arrived, but were not marked revealed, so turning blind screening on hid them again. They
/// are marked revealed when they arrived, as new ones now are.
struct RevealApplicationsOnOpenProjects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            UPDATE applications SET revealed_at = created_at
            WHERE revealed_at IS NULL AND project_id IN (SELECT id FROM projects WHERE blind_screening = \(bind: false))
            """).run()
    }

    /// Nothing to undo: which of them were marked here is not kept, and marking them did no harm.
    func revert(on database: any Database) async throws {}
}
