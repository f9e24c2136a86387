import Foundation
import TryoutApp
import TryoutCore
import Vapor

extension CredentialSettings {
    static let keyFile = "signing.key"
    static let keyVariable = "TRYOUT_SIGNING_KEY"

    /// The issuer's `did:web` from `TRYOUT_PUBLIC_URL`, and the signing key: `TRYOUT_SIGNING_KEY`
    /// (base64 of an Ed25519 private key's 32 bytes), or else `signing.key` in the data
    /// directory, made on first start. Servers on several machines share one key through the setting.
    static func fromEnvironment(dataDirectory: String, publicURL: String) -> Result<CredentialSettings, SettingsProblem> {
        Result {
            guard let did = DIDWeb(publicURL: publicURL) else {
                throw SettingsProblem(message: "TRYOUT_PUBLIC_URL must be an http or https address, such as https://tryout.example.org.")
            }
            return CredentialSettings(did: did, baseURL: publicURL, signer: try signer(dataDirectory: dataDirectory))
        }.mapError { $0 as? SettingsProblem ?? SettingsProblem(message: "\($0)") }
    }

    private static func signer(dataDirectory: String) throws -> CredentialSigner {
        if let text = Environment.get(keyVariable), !text.isEmpty {
            guard let signer = CredentialSigner(base64: text) else {
                throw SettingsProblem(message: "\(keyVariable) must be an Ed25519 private key: 32 random bytes in base64, as `tryout keys rotate` prints.")
            }
            return signer
        }
        guard let text = try KeyFile.text(keyFile, in: dataDirectory, variable: keyVariable, making: CredentialSigner.newKeyText),
              let signer = CredentialSigner(base64: text) else {
            throw SettingsProblem(message: "\(URL(fileURLWithPath: dataDirectory).appendingPathComponent(keyFile).path) must hold an Ed25519 key in base64; "
                + "run `tryout keys rotate` to make a new one (credentials signed before stay valid).")
        }
        return signer
    }
}
