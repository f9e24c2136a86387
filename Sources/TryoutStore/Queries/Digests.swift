import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Mail kept for daily digests, and the digests sent.
public enum Digests {
    public static func keep(userID: UUID, category: NotificationCategory, subject: String, body: String, at now: Date,
                            on db: any Database) async throws {
        try await DigestItemRecord(userID: userID, category: category, subject: subject, body: body, at: now).create(on: db)
    }

    /// Everyone with mail waiting, with the oldest waiting item's time.
    public static func waiting(limit: Int, on db: any Database) async throws -> [(userID: UUID, oldest: Date)] {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        struct Row: Decodable { var user_id: UUID; var oldest: Date }
        return try await sql.raw("""
            SELECT user_id, MIN(created_at) AS oldest FROM digest_items WHERE digest_id IS NULL
            GROUP BY user_id ORDER BY oldest LIMIT \(bind: limit)
            """).all(decoding: Row.self).map { ($0.user_id, $0.oldest) }
    }

    /// The local day of the person's latest digest.
    public static func lastDay(of userID: UUID, on db: any Database) async throws -> String? {
        try await DigestRecord.query(on: db).filter(\.$user.$id == userID).sort(\.$day, .descending).first()?.day
    }

    /// Records the digest of `day` and hands over what it carries, oldest first; nil when that
    /// day's digest was already recorded (a second run of the same job).
    public static func take(userID: UUID, day: String, at now: Date, on db: any Database) async throws -> [DigestItemRecord]? {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        let digestID = UUID()
        // Insert-or-nothing, not catch-the-failure: on PostgreSQL a failed insert spoils the whole transaction.
        let inserted = try await sql.insert(into: DigestRecord.schema)
            .columns("id", "user_id", "day", "sent_at")
            .values(SQLBind(digestID), SQLBind(userID), SQLBind(day), SQLBind(now))
            .ignoringConflicts(with: ["user_id", "day"])
            .returning("id")
            .all()
        guard !inserted.isEmpty else { return nil }
        let items = try await DigestItemRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$digestID == nil)
            .sort(\.$createdAt).sort(\.$id).all()
        try await DigestItemRecord.query(on: db).filter(\.$id ~~ items.compactMap(\.id)).set(\.$digestID, to: digestID).update()
        return items
    }
}
