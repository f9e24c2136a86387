import Crypto
import Foundation
import TryoutCore

/// A public key as JOSE writes it (RFC 7517): Ed25519 as an `OKP` key, P-256 as an `EC` key.
public struct JWK: Codable, Sendable, Equatable {
    public var kty: String
    public var crv: String
    public var x: String
    public var y: String?
    public var kid: String?

    public init(ed25519 key: Curve25519.Signing.PublicKey, kid: String?) {
        kty = "OKP"
        crv = "Ed25519"
        x = Base64URL.encode(key.rawRepresentation)
        self.kid = kid
    }

    /// Whether `signature` over `input` was made with this key under `alg` (EdDSA or ES256).
    func verifies(_ signature: Data, over input: Data, alg: String) -> Bool {
        guard let xBytes = Base64URL.decode(x) else { return false }
        switch (alg, kty, crv) {
        case ("EdDSA", "OKP", "Ed25519"), ("Ed25519", "OKP", "Ed25519"):
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: xBytes) else { return false }
            return key.isValidSignature(signature, for: input)
        case ("ES256", "EC", "P-256"):
            guard let yBytes = y.flatMap(Base64URL.decode), let key = try? P256.Signing.PublicKey(rawRepresentation: xBytes + yBytes),
                  let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: input)
        default:
            return false
        }
    }
}

/// Verifiable credentials as JWTs, as Open Badges 3.0 §8.2 (VC-JWT) has them: the payload is the
/// credential itself plus the registered claims `iss`, `jti` and `nbf`; the header names the
/// algorithm (EdDSA here), `typ` `JWT` and the key's `kid` in the issuer's DID document.
public enum VCJWT {
    public enum Failure: Error, Equatable, Sendable {
        case malformed
        case unsupportedAlgorithm(String)
        case unknownKey(String)
        case badSignature
    }

    /// EdDSA as OB 3.0 names Ed25519, its fully specified name from RFC 9864, and ES256.
    public static let acceptedAlgorithms: Set<String> = ["EdDSA", "Ed25519", "ES256"]

    public static func sign(_ credential: OpenBadgeCredential, with key: Curve25519.Signing.PrivateKey, kid: String,
                            notBefore: Date) throws -> String {
        try sign(credential, issuer: credential.issuer.id, id: credential.id, with: key, kid: kid, notBefore: notBefore)
    }

    /// Any credential, such as a status list, whose issuer and id are given.
    public static func sign(_ credential: some Encodable, issuer: String, id: String, with key: Curve25519.Signing.PrivateKey, kid: String,
                            notBefore: Date) throws -> String {
        var payload = try JSONSerialization.jsonObject(with: JSONEncoder().encode(credential)) as? [String: Any] ?? [:]
        payload["iss"] = issuer
        payload["jti"] = id
        payload["nbf"] = Int(notBefore.timeIntervalSince1970)
        let header: [String: Any] = ["alg": "EdDSA", "typ": "JWT", "kid": kid]
        let input = try encode(header) + "." + encode(payload)
        return input + "." + Base64URL.encode(try key.signature(for: Data(input.utf8)))
    }

    /// The header and payload of a JWT whose signature is checked against `keys`, by `kid`: the
    /// header's own unless the caller resolved it (a relative `#key-1`, an embedded key).
    public static func verify(_ jwt: String, keys: [String: JWK], kid given: String? = nil) throws(Failure) -> (header: [String: Any], payload: [String: Any]) {
        let token = jwt.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let (header, payload) = decode(token), let signature = Base64URL.decode(parts[2]) else { throw .malformed }
        let alg = header["alg"] as? String ?? ""
        // Only asymmetric algorithms: "none" or an HMAC would let anyone forge a credential.
        guard acceptedAlgorithms.contains(alg) else { throw .unsupportedAlgorithm(alg) }
        let kid = given ?? header["kid"] as? String ?? ""
        guard let key = keys[kid] else { throw .unknownKey(kid) }
        guard key.verifies(signature, over: Data((parts[0] + "." + parts[1]).utf8), alg: alg) else { throw .badSignature }
        return (header, payload)
    }

    /// The header and payload of a JWT, unverified; nil unless it has three parts, the first two JSON objects.
    public static func decode(_ jwt: String) -> (header: [String: Any], payload: [String: Any])? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any] else { return nil }
        return (header, payload)
    }

    private static func encode(_ object: [String: Any]) throws -> String {
        Base64URL.encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
