import FluentSQLiteDriver
import Foundation
import TryoutCore

/// Ids go to and from the embedded database as the same uppercase text as before, written and
/// read by `UUIDText`. Without this conformance SQLiteKit takes `UUID` through `Codable`, and
/// Foundation through `sscanf` and `snprintf`.
///
/// Retroactive because SQLiteNIO does not convert `UUID` itself; should a later version do so,
/// this conformance goes.
extension UUID: @retroactive SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        guard let text = sqliteData.string, let uuid = UUIDText.parse(text) else { return nil }
        self = uuid
    }

    public var sqliteData: SQLiteData? { .text(UUIDText.write(self)) }
}
