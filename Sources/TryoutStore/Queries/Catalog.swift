import FluentKit
import SQLKit

/// What anonymous visitors see, as one number that moves whenever any of it may have changed
/// (`CreateCatalogVersion`).
public enum Catalog {
    public static func version(on db: any Database) async throws -> Int {
        let row = try await JobQueue.sqlDatabase(db).raw("SELECT version FROM catalog_version WHERE id = 1").first()
        return try row?.decode(column: "version", as: Int.self) ?? 0
    }
}
