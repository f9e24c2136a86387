import ConsoleKit
import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `tryout jobs status`: the queue by kind and state. `tryout jobs ping`: queues a job that only
/// waits and, with `--wait`, reports how long the workers took to finish it.
struct JobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "status | ping")
        var action: String

        @Option(name: "hold", help: "ping: how many seconds the job takes (default 0).")
        var hold: Double?

        @Flag(name: "wait", help: "ping: wait (up to a minute) until a worker has run it.")
        var wait: Bool
    }

    var help: String { "Shows the job queue (`jobs status`) or checks that workers run (`jobs ping --wait`)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        switch signature.action {
        case "status":
            for count in try await JobAdministration.counts(on: app.db) {
                context.console.print("\(count.kind)\t\(count.state.rawValue)\t\(count.count)")
            }
        case "ping":
            try await ping(app, hold: signature.hold ?? 0, wait: signature.wait, console: context.console)
        default:
            throw Abort(.badRequest, reason: "Unknown action \(signature.action); try `jobs status` or `jobs ping`.")
        }
    }

    private func ping(_ app: Application, hold: Double, wait: Bool, console: any Console) async throws {
        let now = app.tryout.now()
        guard let id = try await JobQueue.enqueue(PingJob(hold: hold), runAt: now, at: now, on: app.db) else { return }
        console.print(id.uuidString.lowercased())
        guard wait else { return }
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(60) {
            if try await JobRecord.find(id, on: app.db)?.state == .done {
                return console.print("Done after \(ContinuousClock.now - started).")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Abort(.gatewayTimeout, reason: "No worker ran the job within a minute: is `tryout worker` (or `serve` with TRYOUT_WORKERS) running?")
    }
}
