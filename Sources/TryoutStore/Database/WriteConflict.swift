import FluentSQLiteDriver

/// SQLite answers "database is locked" instead of waiting when two transactions that both read
/// before writing would each wait for the other. The refused one has written nothing, so it is
/// safe to run it again from the start.
public enum WriteConflict {
    public static func isRetryable(_ error: any Error) -> Bool {
        guard let sqlite = error as? SQLiteError else { return false }
        return sqlite.reason == .busy || sqlite.reason == .locked
    }
}
