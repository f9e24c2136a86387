// Measures marketplace search at scale: `ProjectSearch.search` (a page and its count, as the
// site runs them) against the same SQL statements run directly, with no row mapping.
//
//   swift run -c release tryout-search-benchmark [--iterations N]
//
// It reads the database the server would use (DATABASE_URL, else $TRYOUT_DATA_DIR/tryout.sqlite);
// fill it first with `tryout demo --projects 100000 --candidates 10000`.
import FluentKit
import Foundation
import Logging
import NIOPosix
import SQLKit
import TryoutCore
import TryoutStore

/// Unbuffered, so progress shows when the output goes to a file or a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
let iterations = arguments.firstIndex(of: "--iterations").flatMap { Int(arguments[$0 + 1]) } ?? 300
let dataDirectory = ProcessInfo.processInfo.environment["TRYOUT_DATA_DIR"] ?? "./data"
let target = DatabaseTarget.from(databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"], dataDirectory: dataDirectory)

let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let pool = NIOThreadPool(numberOfThreads: 1)
pool.start()
let databases = Databases(threadPool: pool, on: group)
databases.use(try target.configuration(maxConnections: 1), as: DatabaseID(string: "main"))
let db = databases.database(logger: Logger(label: "benchmark"), on: group.next())!
let sql = db as! any SQLDatabase
let postgres = sql.dialect.name == "postgresql"

let published = try await sql.raw("SELECT count(*) AS n FROM projects WHERE state = 'published'").first()!.decode(column: "n", as: Int.self)
say("database: \(target.driverName), published projects: \(published), iterations: \(iterations)")

// Text plus two filters, the shape the targets are set for.
let words = ["data", "security", "web", "test", "cloud", "design", "network", "software", "analyse", "document", "audit", "mobile"]
func query(_ index: Int) -> ProjectSearchQuery {
    var query = ProjectSearchQuery()
    query.text = words[index % words.count]
    query.sort = .relevance
    query.minimumPay = Money(amountMinor: Int64(20_000 + (index % 5) * 10_000), currency: "USD")
    query.locationModes = [.remote]
    return query
}

func percentiles(_ samples: [Duration]) -> (p50: Double, p95: Double) {
    let sorted = samples.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }.sorted()
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))])
}

let clock = ContinuousClock()
var searchTimes: [Duration] = []
var rawTimes: [Duration] = []
for index in 0..<(iterations + 20) {
    let q = query(index)
    let start = clock.now
    _ = try await ProjectSearch.search(q, viewer: SearchViewer(), on: db)
    let searched = clock.now - start

    // Relevance carries its count in the page; the statements say so, and the raw run follows them.
    let statements = ProjectSearch.statements(q, viewer: SearchViewer(), postgres: postgres)
    let rawStart = clock.now
    let rows: [any SQLRow] = try await sql.raw(statements.page(after: nil, limit: q.limit)).all()
    var count: Int? = try rows.first?.decode(column: "total", as: Int.self)
    if !statements.counted {
        count = try await sql.raw(statements.count).first()?.decode(column: "n", as: Int.self)
    }
    let raw = clock.now - rawStart
    if index == 0 { say("first query: \(rows.count) rows of \(count ?? -1)") }
    if index >= 20 {  // the first rounds warm caches and connections
        searchTimes.append(searched)
        rawTimes.append(raw)
    }
}

let search = percentiles(searchTimes)
let raw = percentiles(rawTimes)
say(String(format: "search      p50 %.2f ms  p95 %.2f ms", search.p50, search.p95))
say(String(format: "raw SQL     p50 %.2f ms  p95 %.2f ms", raw.p50, raw.p95))
say(String(format: "ratio p95   %.2f×", search.p95 / raw.p95))

await databases.shutdownAsync()
try await pool.shutdownGracefully()
try await group.shutdownGracefully()
