import FluentSQLiteDriver

/// SQLite answers "database is locked" instead of waiting when two transactions that both read
/// before writing would each wait for the other; in write-ahead-log mode, a transaction that read
/// an older snapshot than the last commit is refused the same way ("busy in snapshot"). The
/// refused one has written nothing, so it is safe to run it again from the start.
public enum WriteConflict {
    private static let reasons: Set<SQLiteError.Reason> = [.busy, .busyInSnapshot, .busyInRecovery, .busyTimeout, .locked, .lockedBySharedCache]

    public static func isRetryable(_ error: any Error) -> Bool {
        guard let sqlite = error as? SQLiteError else { return false }
        return reasons.contains(sqlite.reason)
    }
}
