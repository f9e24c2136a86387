import ConsoleKit
import Foundation
import TryoutStore
import Vapor

/// `tryout ledger verify`: recomputes every balance from the postings and checks every entry;
/// exits non-zero on any difference, so a cron job or a deploy can stop on it.
struct LedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify: recompute every balance and check every entry.")
        var action: String
    }

    var help: String { "Checks the money ledger (`ledger verify`): every entry balances and every cached balance is its postings' sum." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw Abort(.badRequest, reason: "Unknown action \(signature.action); try `ledger verify`.") }
        let app = context.application
        try await app.prepareDatabase()
        let size = try await Ledger.size(on: app.db)
        let differences = try await Ledger.verify(on: app.db)
        for difference in differences { context.console.error(difference.description) }
        guard differences.isEmpty else {
            throw Abort(.internalServerError, reason: "The ledger has \(differences.count) difference\(differences.count == 1 ? "" : "s").")
        }
        context.console.print("Ledger verified: \(size.entries) entries, \(size.postings) postings, every balance matches its postings.")
    }
}
