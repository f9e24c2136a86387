import Fluent
import Foundation
import TryoutStore
import SQLKit
import Vapor

/// Tests run on SQLite, or on PostgreSQL when `TRYOUT_TEST_DATABASE_URL` is set. Every test gets
/// a database of its own, so suites can run in parallel, and it is removed afterwards.
///
/// SQLite's "in-memory" databases are files in the temporary directory once more than one
/// connection shares them (sqlite-kit's workaround), synced on every commit and never removed:
/// a run of the suite left gigabytes behind and spent its time waiting for the disk. So each test
/// gets a file of its own in RAM (`/dev/shm`, where there is one), deleted when it ends.
public enum TestDatabase {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TRYOUT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var driverName: String { postgresURL == nil ? "sqlite" : "postgres" }

    /// A fresh, empty database and the function that drops it afterwards.
    public static func make() async throws -> (DatabaseTarget, @Sendable () async -> Void) {
        guard let base = postgresURL else { return sqliteFile() }
        let name = "tryout_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await adminSQL(base, "CREATE DATABASE \(name)")
        var components = URLComponents(string: base)!
        components.path = "/\(name)"
        return (.postgres(url: components.string!), {
            try? await adminSQL(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        })
    }

    private static func sqliteFile() -> (DatabaseTarget, @Sendable () async -> Void) {
        let shm = "/dev/shm"
        let directory = FileManager.default.isWritableFile(atPath: shm) ? shm : NSTemporaryDirectory()
        let path = URL(fileURLWithPath: directory).appendingPathComponent("tryout-test-\(UUID().uuidString).sqlite").path
        return (.sqliteFile(path: path), {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        })
    }

    /// Runs one statement on the maintenance connection named by the test URL.
    private static func adminSQL(_ url: String, _ statement: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try DatabaseTarget.postgres(url: url).configuration(maxConnections: 1), as: DatabaseID(string: "admin"))
            guard let sql = app.db(DatabaseID(string: "admin")) as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw(SQLQueryString(statement)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
