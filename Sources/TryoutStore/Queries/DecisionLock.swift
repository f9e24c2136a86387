import FluentKit
import Foundation
import SQLKit

/// Runs application decisions one at a time per project, so that accepting never fills more
/// places than a project has, even when candidates accept at the same moment. On PostgreSQL the
/// project's row is locked for the transaction; SQLite has a single writer, and this process is
/// the only one using the file, so decisions queue here instead of failing with "database is locked".
public enum DecisionLock {
    private static let queue = SerialQueue()

    public static func run<T: Sendable>(projectID: UUID, on db: any Database,
                                        _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await run(locking: "projects", projectID, on: db, body)
    }

    /// Runs one engagement's moves one at a time: two signatures, or two versions, sent at the
    /// same moment are written one after the other, each seeing the other's result.
    public static func run<T: Sendable>(engagementID: UUID, on db: any Database,
                                        _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await run(locking: "engagements", engagementID, on: db, body)
    }

    /// Inside a project's decision, also holds one of its engagements, so that a move on the
    /// engagement (the last signature) cannot land between reading its state and acting on it.
    /// SQLite needs nothing more: every decision and move already runs one at a time.
    public static func hold(engagementID: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM engagements WHERE id = \(bind: engagementID) FOR UPDATE").run()
    }

    private static func run<T: Sendable>(locking table: String, _ id: UUID, on db: any Database,
                                         _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            return try await db.transaction { tx in
                try await (tx as? any SQLDatabase)?.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
                return try await body(tx)
            }
        }
        return try await queue.run { try await db.transaction(body) }
    }
}

/// Runs operations one after another, in the order they arrive.
actor SerialQueue {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task { () async throws -> T in
            await previous?.value
            return try await operation()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
