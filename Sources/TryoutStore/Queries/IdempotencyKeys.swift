import FluentKit
import Foundation
import SQLKit

/// The response kept for a finished request, to return for its repeats.
public struct StoredResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var location: String?
    public var body: String

    public init(status: Int, contentType: String?, location: String?, body: String) {
        self.status = status
        self.contentType = contentType
        self.location = location
        self.body = body
    }
}

/// Idempotency keys, one per person and key. Each step is one statement, so two servers
/// receiving the same key at once agree on who runs it.
public enum IdempotencyKeys {
    public enum Claim: Sendable, Equatable {
        /// This request runs; `finish` or `abandon` the key after.
        case run
        /// The same request finished before: its response.
        case replay(StoredResponse)
        /// The same request is running now.
        case running
        /// The key was used for a different request.
        case mismatch
    }

    /// How long a running request holds its key; a key left running by a server that stopped
    /// is free again after it (the ledger's own event keys keep money from moving twice).
    public static let lease: TimeInterval = 60

    public static func claim(_ key: String, userID: UUID, fingerprint: String, at now: Date, on db: any Database) async throws -> Claim {
        let sql = try JobQueue.sqlDatabase(db)
        let taken = try await sql.raw("""
            INSERT INTO idempotency_keys (id, user_id, key, fingerprint, state, lease_until, created_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: key), \(bind: fingerprint), 'running', \(bind: now.addingTimeInterval(lease)), \(bind: now))
            ON CONFLICT (user_id, key) DO UPDATE SET lease_until = excluded.lease_until, created_at = excluded.created_at
            WHERE idempotency_keys.state = 'running' AND idempotency_keys.lease_until < \(bind: now)
              AND idempotency_keys.fingerprint = excluded.fingerprint
            RETURNING id
            """).all()
        if !taken.isEmpty { return .run }
        guard let row = try await sql.raw("""
            SELECT fingerprint, state, status, content_type, location, body FROM idempotency_keys
            WHERE user_id = \(bind: userID) AND key = \(bind: key)
            """).first(decoding: Row.self) else { return .run }
        if row.fingerprint != fingerprint { return .mismatch }
        guard row.state == "done", let status = row.status else { return .running }
        return .replay(StoredResponse(status: status, contentType: row.content_type, location: row.location, body: row.body ?? ""))
    }

    public static func finish(_ key: String, userID: UUID, response: StoredResponse, on db: any Database) async throws {
        let sql = try JobQueue.sqlDatabase(db)
        try await sql.raw("""
            UPDATE idempotency_keys SET state = 'done', status = \(bind: response.status), content_type = \(bind: response.contentType),
                location = \(bind: response.location), body = \(bind: response.body)
            WHERE user_id = \(bind: userID) AND key = \(bind: key)
            """).run()
    }

    /// Frees the key of a request that was refused or failed, so it can be sent again, corrected.
    public static func abandon(_ key: String, userID: UUID, on db: any Database) async throws {
        let sql = try JobQueue.sqlDatabase(db)
        try await sql.raw("DELETE FROM idempotency_keys WHERE user_id = \(bind: userID) AND key = \(bind: key) AND state = 'running'").run()
    }

    /// Keys are kept a day, as long as a client retries.
    public static func prune(before cutoff: Date, on db: any Database) async throws {
        let sql = try JobQueue.sqlDatabase(db)
        try await sql.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: cutoff)").run()
    }

    struct Row: Decodable {
        var fingerprint: String
        var state: String
        var status: Int?
        var content_type: String?
        var location: String?
        var body: String?
    }
}
