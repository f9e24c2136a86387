import Foundation
import TryoutCore

/// The issuer's `did:web` document: every signing key, current and retired, as a `JsonWebKey`
/// verification method usable for assertions, so credentials signed before a rotation still verify.
public struct DIDDocument: Codable, Sendable, Equatable {
    public struct VerificationMethod: Codable, Sendable, Equatable {
        public var id: String
        public var type: String
        public var controller: String
        public var publicKeyJwk: JWK
    }

    public var context: [String]
    public var id: String
    public var verificationMethod: [VerificationMethod]
    public var assertionMethod: [String]

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, verificationMethod, assertionMethod
    }

    /// `keys` by their fragment (`key-1`…): each method's id is the DID and the fragment, as JWT headers name it in `kid`.
    public init(did: String, keys: [(fragment: String, jwk: JWK)]) {
        context = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"]
        id = did
        verificationMethod = keys.map { key in
            var jwk = key.jwk
            jwk.kid = "\(did)#\(key.fragment)"
            return VerificationMethod(id: "\(did)#\(key.fragment)", type: "JsonWebKey", controller: did, publicKeyJwk: jwk)
        }
        assertionMethod = verificationMethod.map(\.id)
    }

    /// The keys a verifier may use for this issuer's credentials, by `kid`: only those the
    /// document lists for assertions, and only when the document is the DID's own.
    public func assertionKeys(for did: String) -> [String: JWK] {
        guard id == did else { return [:] }
        let allowed = Set(assertionMethod)
        return Dictionary(verificationMethod.filter { allowed.contains($0.id) && $0.controller == did }.map { ($0.id, $0.publicKeyJwk) },
                          uniquingKeysWith: { first, _ in first })
    }
}
