import Crypto
import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The key this server signs credentials with, named in DID documents by a fragment derived from
/// the key itself (its RFC 7638 thumbprint), so every server holding the key names it alike.
/// Unchecked: swift-crypto's key is an immutable value that does not declare itself Sendable.
public struct CredentialSigner: @unchecked Sendable {
    public let key: Curve25519.Signing.PrivateKey

    public init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
    }

    /// A key read from base64 of its 32 raw bytes; nil for anything else.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else { return nil }
        self.key = key
    }

    /// A new random key as base64 text, for a key file or `TRYOUT_SIGNING_KEY`.
    public static func newKeyText() -> String {
        Curve25519.Signing.PrivateKey().rawRepresentation.base64EncodedString()
    }

    public var publicJWK: JWK { JWK(ed25519: key.publicKey, kid: nil) }

    /// `key-` and the first 16 characters of the key's thumbprint.
    public var fragment: String {
        let canonical = #"{"crv":"Ed25519","kty":"OKP","x":"\#(publicJWK.x)"}"#
        return "key-" + Base64URL.encode(Data(SHA256.hash(data: Data(canonical.utf8)))).prefix(16)
    }

    /// Publishes the public key, so the DID document lists it before anything it signs exists.
    public func publish(at now: Date, on db: any Database) async throws {
        let jwk = String(decoding: try JSONEncoder().encode(publicJWK), as: UTF8.self)
        try await Credentials.publish(keyID: fragment, jwk: jwk, at: now, on: db)
    }
}

/// Where credentials come from: this server's `did:web`, its public address, and its signing key.
public struct CredentialSettings: Sendable {
    public var did: DIDWeb
    /// The public address without a trailing slash, as links are made from it.
    public var baseURL: String
    public var signer: CredentialSigner
    /// The issuer's name in credentials.
    public var issuerName: String

    public init(did: DIDWeb, baseURL: String, signer: CredentialSigner, issuerName: String = "Tryout") {
        self.did = did
        self.baseURL = baseURL
        self.signer = signer
        self.issuerName = issuerName
    }

    public var kid: String { "\(did.did)#\(signer.fragment)" }

    public func credentialURL(_ id: CredentialID) -> String { "\(baseURL)/credentials/\(id.uuid.uuidString.lowercased())" }

    public func statusListURL(_ list: Int) -> String { "\(baseURL)/credentials/status/\(list)" }

    /// The page of the credential's deliverable `number`, counted from 1 as the brief lists them.
    public func evidenceURL(_ id: CredentialID, deliverable number: Int) -> String { credentialURL(id) + "/evidence/\(number)" }

    /// The DID document: every key ever published, so old credentials still verify.
    public func document(on db: any Database) async throws -> DIDDocument {
        let keys = try await Credentials.signingKeys(on: db).compactMap { record -> (String, JWK)? in
            guard let id = record.id, let jwk = try? JSONDecoder().decode(JWK.self, from: Data(record.publicJWK.utf8)) else { return nil }
            return (id, jwk)
        }
        return DIDDocument(did: did.did, keys: keys.map { (fragment: $0.0, jwk: $0.1) })
    }
}
