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
import BenchmarkSupport
import FluentKit
import Foundation
import TryoutCore
import TryoutStore

let entries = option("--entries", 20_000)
let writers = option("--writers", 16)
let server = try BenchmarkDatabase(connections: writers + 2)
func database() -> any Database { server.database() }

let organizations = (0..<100).map { _ in UUID() }
let projects = (0..<1_000).map { _ in UUID() }
let clock = ContinuousClock()

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
           server.target.driverName))

let verifyStarted = clock.now
let differences = try await Ledger.verify(on: database())
let size = try await Ledger.size(on: database())
say(String(format: "verify: %d entries, %d postings, %d differences in %.2f s", size.entries, size.postings, differences.count,
           seconds(clock.now - verifyStarted)))
try await server.shutdown()
if !differences.isEmpty { exit(1) }
