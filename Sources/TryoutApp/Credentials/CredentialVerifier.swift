import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Reads what a verifier needs from elsewhere: another issuer's DID document or status list.
public protocol CredentialFetcher: Sendable {
    /// The body at an https `url`, or nil when it cannot be had (refused, too large, too slow).
    func fetch(_ url: String) async -> Data?
}

/// What checking a VC-JWT found: each check in order, and the credential when it could be read.
public struct CredentialVerification: Sendable {
    public enum Outcome: String, Sendable, Codable { case passed, failed, skipped }

    public struct Check: Sendable, Equatable, Codable {
        public var name: String
        public var outcome: Outcome
        public var detail: String
    }

    public enum Status: String, Sendable, Codable {
        /// Signed by the issuer's key, within its dates, and not revoked.
        case valid
        case revoked
        /// Anything else: unreadable, a signature that does not match, an unknown key, out of date.
        case invalid
    }

    public var checks: [Check] = []
    public var issuer: String?
    public var credential: OpenBadgeCredential?
    /// The payload as JSON, for the decoded download.
    public var payload: Data?

    public var status: Status {
        if checks.contains(where: { $0.outcome == .failed && $0.name == Self.statusCheck }) { return .revoked }
        return checks.contains { $0.outcome == .failed } || checks.isEmpty ? .invalid : .valid
    }

    static let statusCheck = "Status"

    mutating func add(_ name: String, _ outcome: Outcome, _ detail: String) {
        checks.append(Check(name: name, outcome: outcome, detail: detail))
    }
}

/// Verifies a VC-JWT as any verifier would: the issuer's key from its `did:web` document (or a
/// key embedded in the header), the signature, the credential's shape, its dates, and its status
/// list. This server's own DID document and lists are read from the database, never fetched.
public struct CredentialVerifier: Sendable {
    public var settings: CredentialSettings
    public var fetcher: any CredentialFetcher
    /// Status lists unpack to at most this many bytes (a list of 16 million entries is 2 MB).
    static let listLimit = 16 * 1024 * 1024

    public init(settings: CredentialSettings, fetcher: any CredentialFetcher) {
        self.settings = settings
        self.fetcher = fetcher
    }

    public func verify(_ jwt: String, at now: Date, on db: any Database) async throws -> CredentialVerification {
        var report = CredentialVerification()
        let token = jwt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let (header, payload) = VCJWT.decode(token) else {
            report.add("Format", .failed, "This is not a JWT: three base64url parts joined by dots, the first two JSON.")
            return report
        }
        report.payload = try? JSONSerialization.data(withJSONObject: payload, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        report.credential = report.payload.flatMap { try? JSONDecoder().decode(OpenBadgeCredential.self, from: $0) }
        let issuer = (payload["iss"] as? String) ?? ((payload["issuer"] as? [String: Any])?["id"] as? String) ?? (payload["issuer"] as? String)
        report.issuer = issuer
        report.add("Format", .passed, "A JWT whose header and payload are JSON.")
        let alg = header["alg"] as? String ?? ""
        guard VCJWT.acceptedAlgorithms.contains(alg) else {
            report.add("Algorithm", .failed, "“\(alg)” is not accepted: credentials must be signed with EdDSA (Ed25519) or ES256.")
            return report
        }
        report.add("Algorithm", .passed, alg)
        guard let issuer else {
            report.add("Issuer key", .failed, "The credential names no issuer.")
            return report
        }
        let (keys, kid) = try await keys(header: header, issuer: issuer, report: &report, on: db)
        guard !keys.isEmpty else { return report }
        do throws(VCJWT.Failure) {
            _ = try VCJWT.verify(token, keys: keys, kid: kid)
            report.add("Signature", .passed, "The signature matches the issuer's key \(kid).")
        } catch .unknownKey(let missing) {
            report.add("Signature", .failed, "The issuer's document has no key “\(missing)”.")
            return report
        } catch {
            report.add("Signature", .failed, "The signature does not match: the credential was changed after it was signed, or signed by another key.")
            return report
        }
        Self.checkShape(payload, issuer: issuer, report: &report)
        Self.checkDates(payload, at: now, report: &report)
        try await checkStatus(payload, keys: keys, at: now, report: &report, on: db)
        return report
    }

    /// The keys to check the signature with, by `kid`, and the `kid` to use.
    private func keys(header: [String: Any], issuer: String, report: inout CredentialVerification,
                      on db: any Database) async throws -> ([String: JWK], String) {
        var kid = header["kid"] as? String ?? ""
        if kid.hasPrefix("#") { kid = issuer + kid }
        if let embedded = header["jwk"] as? [String: Any], let data = try? JSONSerialization.data(withJSONObject: embedded),
           let jwk = try? JSONDecoder().decode(JWK.self, from: data) {
            report.add("Issuer key", .passed, "The key is embedded in the credential: the signature proves it is unchanged, not who issued it.")
            return ([kid: jwk], kid)
        }
        guard let document = try await document(of: issuer, on: db) else {
            report.add("Issuer key", .failed, issuer.hasPrefix("did:web:")
                ? "The issuer's DID document (\(DIDWeb.documentURL(of: issuer) ?? issuer)) could not be read."
                : "The issuer “\(issuer)” is not a did:web, and the credential embeds no key.")
            return ([:], kid)
        }
        let keys = document.assertionKeys(for: issuer)
        if keys[kid] == nil {
            report.add("Issuer key", .failed, "The issuer's DID document lists no key “\(kid)” for credentials.")
            return ([:], kid)
        }
        report.add("Issuer key", .passed, "\(kid), from the issuer's DID document.")
        return (keys, kid)
    }

    private func document(of did: String, on db: any Database) async throws -> DIDDocument? {
        if did == settings.did.did { return try await settings.document(on: db) }
        guard let url = DIDWeb.documentURL(of: did), let data = await fetcher.fetch(url) else { return nil }
        return try? JSONDecoder().decode(DIDDocument.self, from: data)
    }

    static func checkShape(_ payload: [String: Any], issuer: String, report: inout CredentialVerification) {
        let contexts = payload["@context"] as? [String] ?? []
        let types = payload["type"] as? [String] ?? []
        var problems: [String] = []
        if contexts.first != OpenBadgeCredential.contexts[0] { problems.append("the first @context is not VC 2.0's") }
        if !contexts.contains(where: { $0.hasPrefix("https://purl.imsglobal.org/spec/ob/v3p0/context") }) { problems.append("no Open Badges 3.0 context") }
        if !types.contains("VerifiableCredential") || !(types.contains("OpenBadgeCredential") || types.contains("AchievementCredential")) {
            problems.append("its type is not an OpenBadgeCredential")
        }
        let issuerID = ((payload["issuer"] as? [String: Any])?["id"] as? String) ?? (payload["issuer"] as? String)
        if issuerID != issuer { problems.append("iss does not name the issuer") }
        if let jti = payload["jti"] as? String, jti != payload["id"] as? String { problems.append("jti does not match the id") }
        if payload["credentialSubject"] == nil { problems.append("it has no credentialSubject") }
        report.add("Credential", problems.isEmpty ? .passed : .failed,
                   problems.isEmpty ? "An Open Badges 3.0 credential (VC data model 2.0)." : "Not a valid credential: " + problems.joined(separator: "; ") + ".")
    }

    static func checkDates(_ payload: [String: Any], at now: Date, report: inout CredentialVerification) {
        var problems: [String] = []
        let from = (payload["validFrom"] as? String).flatMap(DateText.parseISO)
        if payload["validFrom"] != nil, from == nil { problems.append("validFrom is not a date") }
        if let from, from > now { problems.append("it is valid only from \(DateText.iso(from))") }
        if let until = (payload["validUntil"] as? String).flatMap(DateText.parseISO), until <= now { problems.append("it expired on \(DateText.iso(until))") }
        if let nbf = payload["nbf"] as? Double, Date(timeIntervalSince1970: nbf) > now { problems.append("nbf is in the future") }
        if let exp = payload["exp"] as? Double, Date(timeIntervalSince1970: exp) <= now { problems.append("exp has passed") }
        report.add("Dates", problems.isEmpty ? .passed : .failed,
                   problems.isEmpty ? "Issued \(from.map(DateText.iso) ?? "without a date"), with no expiry passed." : problems.joined(separator: "; ").capitalizedFirst + ".")
    }

    private func checkStatus(_ payload: [String: Any], keys: [String: JWK], at now: Date, report: inout CredentialVerification,
                             on db: any Database) async throws {
        guard let entry = payload["credentialStatus"] as? [String: Any] else {
            report.add(CredentialVerification.statusCheck, .skipped, "The credential has no status list: it cannot be revoked.")
            return
        }
        guard entry["type"] as? String == "BitstringStatusListEntry", let url = entry["statusListCredential"] as? String,
              let index = (entry["statusListIndex"] as? String).flatMap(Int.init) else {
            report.add(CredentialVerification.statusCheck, .failed, "The status entry is not a BitstringStatusListEntry with a list and an index.")
            return
        }
        guard let list = try await statusList(url, keys: keys, at: now, on: db), let revoked = list.isSet(index) else {
            report.add(CredentialVerification.statusCheck, .failed, "The status list at \(url) could not be read or verified.")
            return
        }
        report.add(CredentialVerification.statusCheck, revoked ? .failed : .passed, revoked ? "Revoked by its issuer." : "Not revoked.")
    }

    /// The bits of the status list at `url`, whose own signature must verify with the issuer's keys.
    private func statusList(_ url: String, keys: [String: JWK], at now: Date, on db: any Database) async throws -> BitstringStatusList? {
        let jwt: String?
        if url.hasPrefix(settings.baseURL + "/credentials/status/"), let list = Int(url.dropFirst((settings.baseURL + "/credentials/status/").count)) {
            jwt = try await CredentialsService.statusListJWT(list, settings, at: now, on: db)
        } else {
            jwt = await fetcher.fetch(url).map { String(decoding: $0, as: UTF8.self) }
        }
        guard let jwt, let header = VCJWT.decode(jwt)?.header, let kid = header["kid"] as? String,
              let payload = try? VCJWT.verify(jwt, keys: keys, kid: kid).payload,
              let data = try? JSONSerialization.data(withJSONObject: payload),
              let listCredential = try? JSONDecoder().decode(BitstringStatusListCredential.self, from: data),
              let gzipped = listCredential.gzippedList, let bytes = Gzip.decompress(gzipped, limit: Self.listLimit) else { return nil }
        return BitstringStatusList(bytes: bytes)
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
