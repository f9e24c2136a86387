import FluentKit
import Foundation
import SQLKit

/// Writes one row whether or not its key is there yet, in a single statement: two requests at
/// once cannot both find the key missing and then collide on the unique index.
enum Upsert {
    /// Inserts `values` with a new id, or, when a row with the same `keys` exists, overwrites its
    /// other columns with them.
    static func row(into table: String, _ values: [(column: String, value: any Encodable & Sendable)], keys: [String],
                    on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        let binds: [any SQLExpression] = [SQLBind(UUID())] + values.map { SQLBind($0.value) }
        try await sql.insert(into: table)
            .columns(["id"] + values.map(\.column))
            .values(binds)
            .onConflict(with: keys) { update in
                for (column, _) in values where !keys.contains(column) {
                    update.set(excludedValueOf: column)
                }
                return update
            }
            .run()
    }
}

/// Both of Tryout's databases speak SQL; a driver that did not would be a set-up mistake.
struct SQLRequired: Error, CustomStringConvertible {
    var description: String { "The database driver does not speak SQL." }
}
