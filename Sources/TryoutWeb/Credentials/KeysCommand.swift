import ConsoleKit
import Foundation
import TryoutApp
import TryoutStore
import Vapor

/// `tryout keys list` and `tryout keys rotate`: the keys credentials are signed with. Rotating
/// publishes a new key and signs with it from then on; every older public key stays in the DID
/// document, so credentials signed before still verify.
struct KeysCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "list: the published keys. rotate: make a new signing key and publish it.")
        var action: String
    }

    var help: String { "Manages the credential signing keys (`keys list`, `keys rotate`)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        switch signature.action {
        case "list":
            let current = try? app.tryout.credentials.get().signer.fragment
            for key in try await Credentials.signingKeys(on: app.db) {
                context.console.print("\(key.id ?? "")  published \(key.createdAt.formatted(.iso8601))\(key.id == current ? "  (signing)" : "")")
            }
        case "rotate":
            try await rotate(app, context.console)
        default:
            throw Abort(.badRequest, reason: "Unknown action \(signature.action); try `keys list` or `keys rotate`.")
        }
    }

    private func rotate(_ app: Application, _ console: any Console) async throws {
        let settings = try app.tryout.credentials.get()
        let text = CredentialSigner.newKeyText()
        guard let signer = CredentialSigner(base64: text) else { throw Abort(.internalServerError, reason: "A new key could not be made.") }
        // The old key was published when the database was prepared, and stays listed.
        try await signer.publish(at: app.tryout.now(), on: app.db)
        if let variable = Environment.get(CredentialSettings.keyVariable), !variable.isEmpty {
            console.print("Published \(signer.fragment). Set on every server, then restart them:")
            console.print("\(CredentialSettings.keyVariable)=\(text)")
        } else {
            try KeyFile.replace(CredentialSettings.keyFile, in: app.tryout.dataDirectory, with: text, variable: CredentialSettings.keyVariable)
            console.print("Published \(signer.fragment) and saved it in \(CredentialSettings.keyFile); restart running servers to sign with it.")
        }
        console.print("Credentials signed with \(settings.signer.fragment) stay valid: its public key stays in the DID document.")
    }
}
