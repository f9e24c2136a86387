import FluentPostgresDriver
import FluentSQLiteDriver

/// A transaction the database refused because of another one running at the same moment, which
/// wrote nothing and is safe to run again from the start.
///
/// SQLite answers "database is locked" instead of waiting when two transactions that both read
/// before writing would each wait for the other; in write-ahead-log mode, a transaction that read
/// an older snapshot than the last commit is refused the same way ("busy in snapshot").
///
/// PostgreSQL waits, and ends one of two transactions that wait for each other ("deadlock
/// detected"): two that each write a project take the catalog's version row in turn, so one that
/// writes several projects can meet an employer's edit that way.
public enum WriteConflict {
    private static let reasons: Set<SQLiteError.Reason> = [.busy, .busyInSnapshot, .busyInRecovery, .busyTimeout, .locked, .lockedBySharedCache]
    private static let states: [PostgresError.Code] = [.deadlockDetected, .serializationFailure]

    public static func isRetryable(_ error: any Error) -> Bool {
        if let sqlite = error as? SQLiteError { return reasons.contains(sqlite.reason) }
        if let postgres = error as? PSQLError, let state = postgres.serverInfo?[.sqlState] {
            return states.contains(PostgresError.Code(raw: state))
        }
        return false
    }
}
