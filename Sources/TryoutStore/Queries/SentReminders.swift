import FluentKit
import Foundation
import SQLKit

/// The reminders already sent, by key ("reminder.offer-24h:<application id>").
public enum SentReminders {
    /// Records `key` as sent; false when it already was, so the caller sends nothing. Called
    /// in the transaction that sends: the record and the mail commit together or not at all.
    public static func claim(_ key: String, at now: Date, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        let inserted = try await sql.insert(into: "sent_reminders")
            .columns("id", "key", "sent_at")
            .values(SQLBind(UUID()), SQLBind(key), SQLBind(now))
            .ignoringConflicts(with: ["key"])
            .returning("id")
            .all()
        return !inserted.isEmpty
    }
}
