import ConsoleKit
import Foundation
import TryoutApp
import Vapor

/// `tryout mail test --to ADDRESS`: sends one message straight through the configured transport,
/// bypassing the outbox, and prints the server's reply, so an operator checks the SMTP settings
/// before anyone's password reset depends on them.
struct MailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "test: send one message now and print the mail server's reply.")
        var action: String

        @Option(name: "to", help: "The address to send the test message to.")
        var to: String?
    }

    var help: String { "Checks the e-mail settings (`mail test --to ADDRESS`)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "test", let to = signature.to, !to.isEmpty else {
            throw Abort(.badRequest, reason: "Try `mail test --to you@example.com`.")
        }
        let app = context.application
        let now = app.tryout.now()
        let mail = QueuedMail(id: UUID(), createdAt: now, to: to, subject: "Tryout can send you e-mail",
                              text: "This message checks the e-mail settings of the Tryout at \(app.tryout.publicURL).")
        do {
            switch try await app.mailTransport.deliver(mail) {
            case .sent(let reply): context.console.print("Sent to \(to). The server said: \(reply)")
            case .logged: context.console.print("Written to the log, not sent: TRYOUT_SMTP_URL is not set (or TRYOUT_MAIL=log).")
            }
        } catch let error as MailTransportError {
            throw Abort(.badGateway, reason: "Not sent (\(error.isPermanent ? "refused" : "try again later")): \(error.reply)")
        }
    }
}
