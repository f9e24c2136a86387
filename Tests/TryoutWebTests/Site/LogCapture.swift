import Logging
import NIOConcurrencyHelpers

/// Keeps what is logged through it at `logLevel` or above, for tests that read the log: set it as
/// the application's logger, which in tests is also every request's.
struct LogCapture: LogHandler {
    struct Entry {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    let entries = NIOLockedValueBox<[Entry]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    init(logLevel: Logger.Level) {
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        entries.withLockedValue { $0.append(Entry(level: event.level, message: event.message.description, metadata: event.metadata ?? [:])) }
    }

    /// The messages logged at `level`.
    func messages(at level: Logger.Level) -> [String] {
        entries.withLockedValue { $0.filter { $0.level == level }.map(\.message) }
    }

    /// The SQL statements the database drivers log (at debug level, "Executing query") while
    /// `request` runs.
    func statements(during request: () async throws -> Void) async throws -> [String] {
        entries.withLockedValue { $0 = [] }
        try await request()
        return entries.withLockedValue { $0.filter { $0.message == "Executing query" }.compactMap { $0.metadata["sql"]?.description } }
    }
}
