import Crypto
import Foundation
import Testing
import TryoutApp
import TryoutCore

@Suite("VC-JWT")
struct VCJWTTests {
    private let key = Curve25519.Signing.PrivateKey()
    private let kid = "did:web:tryout.example.org#key-1"

    private func credential() -> OpenBadgeCredential {
        let issuer = OpenBadgeCredential.Profile(id: "did:web:tryout.example.org", name: "Tryout", url: "https://tryout.example.org")
        let achievement = OpenBadgeCredential.Achievement(id: "https://tryout.example.org/a/1", name: "Churn analysis", description: "d",
                                                          criteria: "c", creator: issuer, alignment: [], resultDescription: [])
        return OpenBadgeCredential(id: "https://tryout.example.org/credentials/1", name: "Churn analysis", issuer: issuer,
                                   validFrom: Date(timeIntervalSince1970: 1_796_000_000),
                                   credentialSubject: .init(identifier: .init(emailSHA256Hex: "ab", salt: "s"), achievement: achievement,
                                                            result: [], activityStartDate: nil, activityEndDate: nil),
                                   evidence: [], credentialStatus: nil)
    }

    @Test("a signed credential verifies with its issuer's key: the payload is the credential with iss, jti and nbf; the header EdDSA, JWT and the kid")
    func signAndVerify() throws {
        let jwt = try VCJWT.sign(credential(), with: key, kid: kid, notBefore: Date(timeIntervalSince1970: 1_796_000_000))
        let (header, payload) = try VCJWT.verify(jwt, keys: [kid: JWK(ed25519: key.publicKey, kid: kid)])
        #expect(header["alg"] as? String == "EdDSA" && header["typ"] as? String == "JWT" && header["kid"] as? String == kid)
        #expect(payload["iss"] as? String == "did:web:tryout.example.org" && payload["jti"] as? String == "https://tryout.example.org/credentials/1")
        #expect(payload["nbf"] as? Int == 1_796_000_000 && payload["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
    }

    @Test("a changed payload, another key, an unknown kid and alg none all fail")
    func refusals() throws {
        let jwt = try VCJWT.sign(credential(), with: key, kid: kid, notBefore: Date())
        let keys = [kid: JWK(ed25519: key.publicKey, kid: kid)]
        let parts = jwt.split(separator: ".").map(String.init)
        let payloadBytes = try #require(Base64URL.decode(parts[1]))
        var payload = try #require(try JSONSerialization.jsonObject(with: payloadBytes) as? [String: Any])
        payload["name"] = "Something else"
        let tampered = parts[0] + "." + Base64URL.encode(try JSONSerialization.data(withJSONObject: payload)) + "." + parts[2]
        #expect(throws: VCJWT.Failure.badSignature) { try VCJWT.verify(tampered, keys: keys) }
        #expect(throws: VCJWT.Failure.badSignature) {
            try VCJWT.verify(jwt, keys: [kid: JWK(ed25519: Curve25519.Signing.PrivateKey().publicKey, kid: kid)])
        }
        #expect(throws: VCJWT.Failure.unknownKey(kid)) { try VCJWT.verify(jwt, keys: [:]) }
        let none = Base64URL.encode(Data(#"{"alg":"none","kid":"\#(kid)"}"#.utf8)) + "." + parts[1] + "."
        #expect(throws: VCJWT.Failure.unsupportedAlgorithm("none")) { try VCJWT.verify(none, keys: keys) }
        #expect(throws: VCJWT.Failure.malformed) { try VCJWT.verify("not.a-jwt", keys: keys) }
    }

    @Test("a credential another issuer signed with ES256 verifies with its P-256 key, and not with a changed signature")
    func es256() throws {
        let p256 = P256.Signing.PrivateKey()
        let raw = p256.publicKey.rawRepresentation
        let jwk = try JSONDecoder().decode(JWK.self, from: Data("""
            {"kty":"EC","crv":"P-256","x":"\(Base64URL.encode(raw.prefix(32)))","y":"\(Base64URL.encode(raw.suffix(32)))"}
            """.utf8))
        let input = Base64URL.encode(Data(#"{"alg":"ES256","kid":"k"}"#.utf8)) + "." + Base64URL.encode(Data(#"{"iss":"did:web:other.example"}"#.utf8))
        let signature = try p256.signature(for: Data(input.utf8)).rawRepresentation
        let (_, payload) = try VCJWT.verify(input + "." + Base64URL.encode(signature), keys: ["k": jwk])
        #expect(payload["iss"] as? String == "did:web:other.example")
        var changed = signature
        changed[0] ^= 1
        #expect(throws: VCJWT.Failure.badSignature) { try VCJWT.verify(input + "." + Base64URL.encode(changed), keys: ["k": jwk]) }
    }

    @Test("Ed25519 under its RFC 9864 name verifies like EdDSA; an HMAC algorithm is refused whatever the key")
    func algorithmNames() throws {
        let keys = [kid: JWK(ed25519: key.publicKey, kid: kid)]
        for alg in ["Ed25519", "HS256"] {
            let input = Base64URL.encode(Data(#"{"alg":"\#(alg)","kid":"\#(kid)"}"#.utf8)) + "." + Base64URL.encode(Data(#"{"iss":"did:web:x"}"#.utf8))
            let jwt = input + "." + Base64URL.encode(try key.signature(for: Data(input.utf8)))
            if alg == "Ed25519" {
                #expect(try VCJWT.verify(jwt, keys: keys).payload["iss"] as? String == "did:web:x")
            } else {
                #expect(throws: VCJWT.Failure.unsupportedAlgorithm(alg)) { try VCJWT.verify(jwt, keys: keys) }
            }
        }
    }

    @Test("the DID document lists every key for assertions; a credential verifies with the keys read back from it, and not with another DID's document")
    func didDocument() throws {
        let did = "did:web:tryout.example.org"
        let retired = Curve25519.Signing.PrivateKey()
        let document = DIDDocument(did: did, keys: [("key-1", JWK(ed25519: retired.publicKey, kid: nil)), ("key-2", JWK(ed25519: key.publicKey, kid: nil))])
        let published = try JSONDecoder().decode(DIDDocument.self, from: JSONEncoder().encode(document))
        #expect(published.assertionMethod == ["\(did)#key-1", "\(did)#key-2"] && published.verificationMethod.allSatisfy { $0.type == "JsonWebKey" })
        let old = try VCJWT.sign(credential(), with: retired, kid: "\(did)#key-1", notBefore: Date())
        let new = try VCJWT.sign(credential(), with: key, kid: "\(did)#key-2", notBefore: Date())
        for jwt in [old, new] { _ = try VCJWT.verify(jwt, keys: published.assertionKeys(for: did)) }
        #expect(published.assertionKeys(for: "did:web:elsewhere.example").isEmpty)
    }
}
