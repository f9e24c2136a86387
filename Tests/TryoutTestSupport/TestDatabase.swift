import Fluent
import Foundation
import TryoutStore
import SQLKit
import Vapor

/// Tests run on SQLite, or on PostgreSQL when `TRYOUT_TEST_DATABASE_URL` is set. Every test gets
/// a database of its own, so suites can run in parallel, and it is removed afterwards.
///
/// Each test's database is a copy of a template migrated once per test process: the schema's
/// 43 migrations ran for every test before, and on PostgreSQL that was most of the suite's time.
/// SQLite copies a file; PostgreSQL makes the database `TEMPLATE` the migrated one.
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

    /// Brings an empty database to the current schema; the templates are made with it.
    public typealias Migrate = @Sendable (DatabaseTarget) async throws -> Void

    /// A fresh database with the current schema and the function that drops it afterwards.
    public static func make(migrate: @escaping Migrate) async throws -> (DatabaseTarget, @Sendable () async -> Void) {
        guard let base = postgresURL else { return try await sqliteFile(migrate) }
        let template = try await templates.once { try await postgresTemplate(base, migrate) }
        let name = uniqueName("tryout_t_")
        try await adminSQL(base, "CREATE DATABASE \(name) TEMPLATE \(template)")
        return (.postgres(url: url(base, database: name)), {
            try? await adminSQL(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        })
    }

    private static let templates = Once()

    private static func sqliteFile(_ migrate: @escaping Migrate) async throws -> (DatabaseTarget, @Sendable () async -> Void) {
        let template = try await templates.once {
            let path = freshSQLitePath()
            try await migrate(.sqliteFile(path: path))
            SQLiteTemplate.remove(atExit: path)
            return path
        }
        let path = freshSQLitePath()
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return (.sqliteFile(path: path), {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        })
    }

    private static func freshSQLitePath() -> String {
        let shm = "/dev/shm"
        let directory = FileManager.default.isWritableFile(atPath: shm) ? shm : NSTemporaryDirectory()
        return URL(fileURLWithPath: directory).appendingPathComponent("tryout-test-\(UUID().uuidString).sqlite").path
    }

    /// Templates are named with the time they were made: a run that ended without dropping its
    /// own leaves it behind, and the next run drops those more than a day old.
    private static func postgresTemplate(_ base: String, _ migrate: @escaping Migrate) async throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        for stale in try await adminNames(base, "SELECT datname FROM pg_database WHERE datname LIKE 'tryout_tpl_%'") {
            if let made = Int(stale.split(separator: "_").dropFirst(2).first ?? ""), now - made > 24 * 3600 {
                try? await adminSQL(base, "DROP DATABASE IF EXISTS \(stale) WITH (FORCE)")
            }
        }
        let name = uniqueName("tryout_tpl_\(now)_")
        try await adminSQL(base, "CREATE DATABASE \(name)")
        try await migrate(.postgres(url: url(base, database: name)))
        return name
    }

    private static func uniqueName(_ prefix: String) -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    }

    /// `base` naming `database` (the one `base` names when nil). Without TLS unless `base` asks
    /// for it: the driver's default, "prefer", reads the system's certificate authorities for every
    /// connection pool, three a test, and that was 9% of the PostgreSQL suite's profile.
    private static func url(_ base: String, database: String? = nil) -> String {
        var components = URLComponents(string: base)!
        if let database { components.path = "/\(database)" }
        let modes = ["tlsmode", "sslmode", "ssl", "tls"]
        if !(components.queryItems ?? []).contains(where: { modes.contains($0.name.lowercased()) }) {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "tlsmode", value: "disable")]
        }
        return components.string!
    }

    /// Runs one statement on the maintenance connection named by the test URL.
    private static func adminSQL(_ url: String, _ statement: String) async throws {
        _ = try await admin(url) { try await $0.raw(SQLQueryString(statement)).run() }
    }

    private static func adminNames(_ url: String, _ query: String) async throws -> [String] {
        try await admin(url) { try await $0.raw(SQLQueryString(query)).all().map { try $0.decode(column: "datname", as: String.self) } }
    }

    /// Every test asks for its database as the run starts: hundreds of `CREATE DATABASE` at once
    /// on a 2-core machine kept connections waiting past the pool's 10 seconds, and tests failed
    /// with `connectionRequestTimeout` before they began. A few at a time, the others queue.
    private static let adminTurns = Turns(width: 4)

    private static func admin<T: Sendable>(_ url: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await adminTurns.enter()
        let result: Result<T, any Error>
        do { result = .success(try await adminApp(url, body)) } catch { result = .failure(error) }
        await adminTurns.leave()
        return try result.get()
    }

    private static func adminApp<T: Sendable>(_ url: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try DatabaseTarget.postgres(url: Self.url(url)).configuration(maxConnections: 1), as: DatabaseID(string: "admin"))
            guard let sql = app.db(DatabaseID(string: "admin")) as? any SQLDatabase else { throw Abort(.internalServerError) }
            let result = try await body(sql)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Runs its work once however many tests ask at the same time; the others wait for it.
private actor Once {
    private var made: Task<String, any Error>?

    func once(_ make: @escaping @Sendable () async throws -> String) async throws -> String {
        if let made { return try await made.value }
        let task = Task { try await make() }
        made = task
        return try await task.value
    }
}

/// Lets `width` callers in at once; the others wait, first come first in.
private actor Turns {
    private let width: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) { self.width = width }

    func enter() async {
        if inside < width {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place to the first waiting caller, if any.
    func leave() {
        if waiting.isEmpty { inside -= 1 } else { waiting.removeFirst().resume() }
    }
}

/// The SQLite template lives as long as the test process: removed when it exits.
private enum SQLiteTemplate {
    nonisolated(unsafe) static var path: String?

    static func remove(atExit path: String) {
        Self.path = path
        atexit {
            guard let path = SQLiteTemplate.path else { return }
            for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        }
    }
}
