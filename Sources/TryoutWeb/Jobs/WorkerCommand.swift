import ConsoleKit
import Foundation
import TryoutApp
import Vapor

/// `tryout worker`: background jobs only, no web server. Several run side by side on one
/// PostgreSQL database; SIGTERM or SIGINT lets each finish its job before it exits.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "workers", help: "How many jobs to run at once (default: TRYOUT_WORKERS, or 2).")
        var workers: Int?
    }

    var help: String { "Runs background jobs (e-mail, webhooks, reminders) until stopped; `serve` also runs some unless TRYOUT_WORKERS=0." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let count = max(1, signature.workers ?? (app.tryout.workers > 0 ? app.tryout.workers : 2))
        let workers = app.jobWorkers(count: count)
        let signals = StopSignals { workers.stop() }
        context.console.print("Running \(count) job worker\(count == 1 ? "" : "s"); stop with Ctrl-C or SIGTERM.")
        await workers.run()
        withExtendedLifetime(signals) {}
        context.console.print("Job workers stopped.")
    }
}

/// Turns SIGTERM and SIGINT into a call of `stop`, for as long as it is kept. The sources are
/// only written in `init`, so sharing it is safe.
private final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }
}
