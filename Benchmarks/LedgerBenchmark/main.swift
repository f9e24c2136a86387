// Measures how many balanced journal entries a second the ledger writes: W concurrent writers
// post N entries, each in its own transaction, each moving money from one of 100 organizations'
// balances to one of 1,000 projects' escrow, through `Ledger.post` as the server does (accounts
// created on first use, cached balances, the database's own balance checks). Then it verifies
// the whole ledger and times that too.
//
//   swift run -c release tryout-ledger-benchmark [--entries 20000] [--writers 16]
//
// It uses the database the server would use (DATABASE_URL, else $TRYOUT_DATA_DIR/tryout.sqlite);
// run `tryout migrate` on it first. The ledger is append-only, so use a throwaway database.
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import TryoutCore
import TryoutStore

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    return arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? fallback
}

let entries = option("--entries", 20_000)
let writers = option("--writers", 16)
let dataDirectory = ProcessInfo.processInfo.environment["TRYOUT_DATA_DIR"] ?? "./data"
let target = DatabaseTarget.from(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"], dataDirectory: dataDirectory)

let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let pool = NIOThreadPool(numberOfThreads: 2)
pool.start()
let databases = Databases(threadPool: pool, on: group)
databases.use(try target.configuration(maxConnections: writers + 2), as: DatabaseID(string: "main"))
let logger = Logger(label: "benchmark")
func database() -> any Database { databases.database(logger: logger, on: group.any())! }

let organizations = (0..<100).map { _ in UUID() }
let projects = (0..<1_000).map { _ in UUID() }
let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }

// Each organization starts with enough for every entry that could come its way.
for organization in organizations {
    try await Ledger.post(.transfer(.funding, Int64(entries) * 100, from: .platform(.externalFunding, "USD"), to: .balance(of: organization, "USD"),
                                    memo: "benchmark funds"), by: nil, at: Date(), on: database())
}

let started = clock.now
try await withThrowingTaskGroup(of: Void.self) { tasks in
    for writer in 0..<writers {
        tasks.addTask {
            var index = writer
            while index < entries {
                let organization = organizations[index % organizations.count]
                let project = projects[(index * 7) % projects.count]
                try await Ledger.post(.transfer(.escrowHold, Int64(1 + index % 50), from: .balance(of: organization, "USD"),
                                                to: .escrow(of: project, "USD"), memo: "benchmark hold \(index)",
                                                uniqueKey: "benchmark:\(started):\(index)"),
                                      by: nil, at: Date(), on: database())
                index += writers
            }
        }
    }
    try await tasks.waitForAll()
}
let elapsed = seconds(clock.now - started)
say(String(format: "%d entries by %d writers in %.2f s: %.0f entries/s (%@)", entries, writers, elapsed, Double(entries) / elapsed,
           target.driverName))

let verifyStarted = clock.now
let differences = try await Ledger.verify(on: database())
let size = try await Ledger.size(on: database())
say(String(format: "verify: %d entries, %d postings, %d differences in %.2f s", size.entries, size.postings, differences.count,
           seconds(clock.now - verifyStarted)))
await databases.shutdownAsync()
try await pool.shutdownGracefully()
try await group.shutdownGracefully()
if !differences.isEmpty { exit(1) }
