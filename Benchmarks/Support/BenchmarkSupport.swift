// What the benchmark programs share: reading options, printing as they go, timing, and the
// database the server would use (DATABASE_URL, else $TRYOUT_DATA_DIR/tryout.sqlite).
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import TryoutStore

/// Unbuffered, so progress shows when the output goes to a file or a pipe.
public func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The integer after `name` on the command line, or `fallback`.
public func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    return arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? fallback
}

public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The server's database with a pool of `connections`, on its own event loops.
public final class BenchmarkDatabase: Sendable {
    public let target: DatabaseTarget
    private let group: MultiThreadedEventLoopGroup
    private let pool: NIOThreadPool
    private let databases: Databases

    public init(connections: Int, threads: Int = System.coreCount) throws {
        let dataDirectory = ProcessInfo.processInfo.environment["TRYOUT_DATA_DIR"] ?? "./data"
        target = DatabaseTarget.from(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"], dataDirectory: dataDirectory)
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        databases = Databases(threadPool: pool, on: group)
        databases.use(try target.configuration(maxConnections: connections), as: DatabaseID(string: "main"))
    }

    /// A connection from the pool, on any of the event loops.
    public func database() -> any Database {
        databases.database(logger: Logger(label: "benchmark"), on: group.any())!
    }

    public func shutdown() async throws {
        await databases.shutdownAsync()
        try await pool.shutdownGracefully()
        try await group.shutdownGracefully()
    }
}
