import Crypto
import FluentKit
import Foundation
import Testing
@testable import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Credentials issued on completion, verified as any verifier would, revoked through the status
/// list, and shown on portfolios: run as the pages and the API run them, without a request.
@Suite("Credentials service")
struct CredentialsServiceTests {
    private let candidate = "ada@uni.test"

    /// Ada's completed engagement with Acme and the credential the job issued for it.
    private func issued(_ t: TestApp, showcase: Bool = false) async throws -> (EngagementID, CredentialRecord) {
        let id = try await t.completedEngagement()
        if showcase {
            let acme = try #require(try await Organizations.find(slug: "acme", on: t.db))
            acme.showcaseWork = true
            try await acme.save(on: t.db)
        }
        try await t.runJobs()
        return (id, try #require(try await Credentials.of(engagementID: id.uuid, on: t.db)))
    }

    private func verify(_ t: TestApp, _ jwt: String, settings: CredentialSettings? = nil,
                        fetcher: any CredentialFetcher = NoFetcher()) async throws -> CredentialVerification {
        try await CredentialVerifier(settings: settings ?? t.app.tryout.credentialSettings, fetcher: fetcher).verify(jwt, at: t.clock.now, on: t.db)
    }

    private func payload(_ jwt: String) throws -> [String: Any] {
        try #require(VCJWT.decode(jwt)?.payload)
    }

    @Test("completing the engagement issues one Open Badges 3.0 credential with the VC 2.0 members, the ESCO skills, the rubric result and a status entry")
    func issuing() async throws {
        try await withTestApp { t in
            let (id, record) = try await issued(t)
            let settings = t.app.tryout.credentialSettings
            let header = try #require(VCJWT.decode(record.jwt)?.header)
            #expect(header["alg"] as? String == "EdDSA" && header["typ"] as? String == "JWT" && header["kid"] as? String == settings.kid)
            let body = try payload(record.jwt)
            #expect(body["@context"] as? [String] == OpenBadgeCredential.contexts)
            #expect(body["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
            #expect(body["id"] as? String == settings.credentialURL(CredentialID(try record.requireID())) && body["jti"] as? String == body["id"] as? String)
            #expect(body["iss"] as? String == settings.did.did && body["validFrom"] is String && body["nbf"] is Int)
            let credential = try #require(CredentialsService.decoded(record.jwt))
            #expect(credential.issuer.id == "did:web:127.0.0.1%3A8080" && credential.issuer.type == ["Profile"])
            let subject = credential.credentialSubject
            #expect(subject.type == ["AchievementSubject"] && subject.activityStartDate != nil && subject.activityEndDate != nil)
            let identity = try #require(subject.identifier.first)
            let hash = SHA256.hash(data: Data((candidate + identity.salt).utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(identity.identityType == "emailAddress" && identity.hashed && identity.identityHash == "sha256$" + hash)
            #expect(!record.jwt.contains(candidate), "the address itself never appears")
            let achievement = subject.achievement
            #expect(achievement.type == ["Achievement"] && achievement.name == record.name && achievement.creator.name == "Acme")
            #expect(achievement.criteria.narrative.contains("Deliverables:") && achievement.criteria.narrative.contains("Rubric:"))
            let alignment = try #require(achievement.alignment)
            #expect(!alignment.isEmpty && alignment.allSatisfy { $0.targetUrl.hasPrefix("http://data.europa.eu/esco/skill/") && $0.targetFramework == "ESCO" })
            // Every criterion scored 3 by the manager: "Proficient" on each.
            let levels = Dictionary(uniqueKeysWithValues: (achievement.resultDescription ?? []).flatMap { $0.rubricCriterionLevel.map { ($0.id, $0.name) } })
            #expect(subject.result?.count == 3 && subject.result?.allSatisfy { levels[$0.achievedLevel] == "Proficient" } == true)
            #expect(credential.evidence == nil, "Acme did not let candidates show the work")
            let status = try #require(credential.credentialStatus)
            #expect(status.type == "BitstringStatusListEntry" && status.statusPurpose == "revocation"
                && status.statusListCredential == settings.statusListURL(1) && Int(status.statusListIndex) == record.statusIndex)

            #expect(try await verify(t, record.jwt).status == .valid)
            #expect(try await Notifications.recent(userID: record.candidateID, on: t.db).contains { $0.message.hasPrefix("Your credential for") })
            #expect(try await Outbox.messages(to: candidate, on: t.db).contains { $0.subject.hasPrefix("Your credential for") })
            // The job running again (a retry after a crash, say) issues nothing new.
            try await IssueCredential.run(IssueCredential(engagementID: id.uuid), t.context(), settings: settings)
            #expect(try await CredentialRecord.query(on: t.db).count() == 1)
        }
    }

    @Test("issuing sends credential.issued to the organization's endpoints that listen for it")
    func webhook() async throws {
        try await withTestApp { t in
            let id = try await t.completedEngagement()
            let owner = try await t.context(as: "owner@acme.test")
            let acme = try await WebhooksService.organization(slug: "acme", owner)
            try await WebhooksService.create(url: "https://hooks.example.com/tryout", kind: "standard", events: ["credential.issued"], in: acme,
                                             settings: t.webhookSettings, owner)
            try await IssueCredential.run(IssueCredential(engagementID: id.uuid), t.context(), settings: t.app.tryout.credentialSettings)
            let credential = try #require(try await Credentials.of(engagementID: id.uuid, on: t.db))
            let deliveries = try await JobRecord.query(on: t.db).filter(\.$kind == WebhookDeliveryJob.kind).all()
            #expect(deliveries.count == 1)
            let credentialID = try credential.requireID().uuidString.lowercased()
            #expect(deliveries.first?.payload.contains("credential.issued") == true && deliveries.first?.payload.contains(credentialID) == true)
        }
    }

    @Test("engagements completed before credentials existed get theirs when the server prepares its database, once")
    func backfill() async throws {
        try await withTestApp { t in
            let id = try await t.completedEngagement()
            try await JobRecord.query(on: t.db).filter(\.$kind == IssueCredential.kind).delete()
            #expect(try await IssueCredential.enqueueMissing(at: t.clock.now, on: t.db) == 1)
            #expect(try await IssueCredential.enqueueMissing(at: t.clock.now, on: t.db) == 0, "queued already")
            try await t.runJobs()
            #expect(try await Credentials.of(engagementID: id.uuid, on: t.db) != nil)
            #expect(try await Credentials.completedWithout(on: t.db).isEmpty)
        }
    }

    @Test("an engagement that did not complete gets no credential, and its job gives up at once")
    func onlyCompleted() async throws {
        try await withTestApp { t in
            let id = EngagementID(try await Factory(t).engagement().requireID())
            await #expect(throws: PermanentJobFailure.self) {
                try await IssueCredential.run(IssueCredential(engagementID: id.uuid), t.context(), settings: t.app.tryout.credentialSettings)
            }
            #expect(try await CredentialRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("a changed payload, a key the issuer never published and alg none fail their checks")
    func tampering() async throws {
        try await withTestApp { t in
            let (_, record) = try await issued(t)
            let parts = record.jwt.split(separator: ".").map(String.init)
            var body = try payload(record.jwt)
            body["name"] = "Something grander"
            let changed = parts[0] + "." + Base64URL.encode(try JSONSerialization.data(withJSONObject: body)) + "." + parts[2]
            let tampered = try await verify(t, changed)
            #expect(tampered.status == .invalid && tampered.checks.contains { $0.name == "Signature" && $0.outcome == .failed })

            let settings = t.app.tryout.credentialSettings
            let stranger = Curve25519.Signing.PrivateKey()
            let credential = try #require(CredentialsService.decoded(record.jwt))
            let forged = try VCJWT.sign(credential, with: stranger, kid: settings.did.did + "#key-forged", notBefore: t.clock.now)
            let unknown = try await verify(t, forged)
            #expect(unknown.status == .invalid && unknown.checks.contains { $0.name == "Issuer key" && $0.outcome == .failed })

            let none = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
            let unsigned = try await verify(t, none)
            #expect(unsigned.status == .invalid && unsigned.checks.contains { $0.name == "Algorithm" && $0.outcome == .failed })
            #expect(try await verify(t, "not a credential").checks.first?.name == "Format")
        }
    }

    @Test("the organization's owner revokes with a reason: the status list's bit flips, verifying says revoked, the candidate is told; others cannot")
    func revocation() async throws {
        try await withTestApp { t in
            let (_, record) = try await issued(t)
            let id = CredentialID(try record.requireID())
            let settings = t.app.tryout.credentialSettings
            // The completed work proves each skill its project asked for, at the level asked.
            let asked = try await ProjectSkillRecord.query(on: t.db).filter(\.$project.$id == record.projectID).all()
            #expect(!asked.isEmpty)
            #expect(try await CandidateProfiles.provenSkills(userIDs: [record.candidateID, UUID()], on: t.db)
                    == [record.candidateID: Dictionary(uniqueKeysWithValues: asked.map { ($0.$skill.id, $0.level) })])
            for outsider in ["hiring_manager@acme.test", "admin@acme.test", candidate] {
                await #expect(throws: ActionError.notFound) {
                    try await CredentialsService.revoke(id, reason: "Fraud", t.context(as: outsider))
                }
            }
            await #expect(throws: ValidationFailure.self) { try await CredentialsService.revoke(id, reason: " ", t.context(as: "owner@acme.test")) }
            #expect(try await bit(t, record, settings) == false)

            try await CredentialsService.revoke(id, reason: "The work was not the candidate's own.", t.context(as: "owner@acme.test"))
            #expect(try await bit(t, record, settings) == true)
            let verification = try await verify(t, record.jwt)
            #expect(verification.status == .revoked)
            #expect(try await Outbox.messages(to: candidate, on: t.db).contains { $0.subject.hasSuffix("was revoked") && $0.body.contains("not the candidate") })
            await #expect(throws: ActionError.conflict("This credential is revoked already.")) {
                try await CredentialsService.revoke(id, reason: "Again", t.context(as: "owner@acme.test"))
            }
            // Proven skills no longer count the revoked work.
            #expect(try await CandidateProfiles.provenSkills(userIDs: [record.candidateID], on: t.db).isEmpty)
        }
    }

    /// The credential's bit, read as a verifier reads it: the signed list, base64url, gunzipped.
    private func bit(_ t: TestApp, _ record: CredentialRecord, _ settings: CredentialSettings) async throws -> Bool? {
        let jwt = try #require(try await CredentialsService.statusListJWT(record.statusList, settings, at: t.clock.now, on: t.db))
        let document = try await settings.document(on: t.db)
        let body = try VCJWT.verify(jwt, keys: document.assertionKeys(for: settings.did.did)).payload
        let list = try JSONDecoder().decode(BitstringStatusListCredential.self, from: JSONSerialization.data(withJSONObject: body))
        #expect(list.type == ["VerifiableCredential", "BitstringStatusListCredential"] && list.credentialSubject.encodedList.hasPrefix("u"))
        let gzipped = try #require(list.gzippedList)
        let bytes = try #require(Gzip.decompress(gzipped, limit: 1 << 20))
        #expect(bytes.count * 8 >= BitstringStatusList.minimumBits)
        return BitstringStatusList(bytes: bytes)?.isSet(record.statusIndex)
    }

    @Test("after a key rotation new credentials use the new key and old ones still verify, the old public key staying in the DID document")
    func rotation() async throws {
        try await withTestApp { t in
            let (_, old) = try await issued(t)
            var rotated = t.app.tryout.credentialSettings
            rotated.signer = CredentialSigner(key: .init())
            try await rotated.signer.publish(at: t.clock.now, on: t.db)
            let document = try await rotated.document(on: t.db)
            #expect(document.verificationMethod.count == 2 && document.assertionMethod.count == 2)
            #expect(try await verify(t, old.jwt, settings: rotated).status == .valid)

            // A new credential from the same facts, signed with the new key.
            let fresh = try VCJWT.sign(try #require(CredentialsService.decoded(old.jwt)), with: rotated.signer.key, kid: rotated.kid, notBefore: t.clock.now)
            #expect(try #require(VCJWT.decode(fresh)?.header["kid"] as? String) != t.app.tryout.credentialSettings.kid)
            #expect(try await verify(t, fresh, settings: rotated).status == .valid)
        }
    }

    @Test("other issuers verify through their did:web document or an embedded key, fetched once and never trusted beyond the document")
    func otherIssuers() async throws {
        try await withTestApp { t in
            let (_, record) = try await issued(t)
            var credential = try #require(CredentialsService.decoded(record.jwt))
            let key = Curve25519.Signing.PrivateKey()
            credential.issuer = .init(id: "did:web:badges.example.edu", name: "Example University", url: "https://badges.example.edu")
            credential.credentialStatus = nil
            let jwt = try VCJWT.sign(credential, with: key, kid: "did:web:badges.example.edu#k1", notBefore: t.clock.now)
            let document = DIDDocument(did: "did:web:badges.example.edu", keys: [("k1", JWK(ed25519: key.publicKey, kid: nil))])
            let fetcher = FixedFetcher(bodies: ["https://badges.example.edu/.well-known/did.json": try JSONEncoder().encode(document)])
            let report = try await verify(t, jwt, fetcher: fetcher)
            #expect(report.status == .valid && report.checks.contains { $0.name == "Status" && $0.outcome == .skipped })
            #expect(try await verify(t, jwt).checks.contains { $0.name == "Issuer key" && $0.outcome == .failed }, "no document, no key")
            // A document served for another DID does not vouch for this one.
            let impostor = DIDDocument(did: "did:web:elsewhere.example", keys: [("k1", JWK(ed25519: key.publicKey, kid: nil))])
            let wrong = FixedFetcher(bodies: ["https://badges.example.edu/.well-known/did.json": try JSONEncoder().encode(impostor)])
            #expect(try await verify(t, jwt, fetcher: wrong).status == .invalid)
        }
    }

    @Test("a portfolio is private until published; it shows credentials, skills, results and endorsements, and work only where the employer allowed")
    func portfolio() async throws {
        try await withTestApp { t in
            let (_, record) = try await issued(t)
            let ada = try await t.context(as: candidate)
            await #expect(throws: ActionError.notFound) { try await PortfolioService.published(slug: "ada", ada) }
            await #expect(throws: ValidationFailure.self) { try await PortfolioService.save(.init(published: true, slug: "", headline: ""), ada) }
            await #expect(throws: ValidationFailure.self) { try await PortfolioService.save(.init(published: true, slug: "admin", headline: ""), ada) }
            try await PortfolioService.save(.init(published: false, slug: "ada-okafor", headline: "Data analyst"), ada)
            await #expect(throws: ActionError.notFound) { try await PortfolioService.published(slug: "ada-okafor", ada) }

            let id = CredentialID(try record.requireID())
            await #expect(throws: ActionError.notFound) {
                try await CredentialsService.endorse(id, text: "Great work.", t.context(as: "reviewer@acme.test"))
            }
            try await CredentialsService.endorse(id, text: "Clear, careful analysis.", t.context(as: "hiring_manager@acme.test"))
            try await PortfolioService.save(.init(published: true, slug: "Ada-Okafor", headline: "Data analyst"), ada)
            let view = try await PortfolioService.published(slug: "ada-okafor", t.context())
            #expect(view.name == "Ada Okafor" && view.headline == "Data analyst" && view.credentials.count == 1)
            let entry = try #require(view.credentials.first)
            #expect(entry.results.count == 3 && !entry.skills.isEmpty && entry.evidence.isEmpty)
            #expect(entry.endorsements.map(\.text) == ["Clear, careful analysis."])
            #expect(view.verifiedSkills.count == entry.skills.count && view.verifiedSkills.allSatisfy { $0.credentials == 1 })
            let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
            #expect(!json.contains(candidate) && !json.contains("example.org/w"), "no address, no unshared work")
            await #expect(throws: ActionError.notFound) {
                try await CredentialsService.evidence(id, deliverable: 1, settings: t.app.tryout.credentialSettings, t.context())
            }
            // Someone else cannot take the address.
            try await Factory(t).candidate("bo@uni.test", name: "Bo")
            await #expect(throws: ValidationFailure.self) {
                try await PortfolioService.save(.init(published: true, slug: "ada-okafor", headline: ""), t.context(as: "bo@uni.test"))
            }
            // A revoked credential leaves the portfolio.
            try await CredentialsService.revoke(id, reason: "Issued in error.", t.context(as: "owner@acme.test"))
            #expect(try await PortfolioService.published(slug: "ada-okafor", t.context()).credentials.isEmpty)
        }
    }

    @Test("where the employer lets candidates show their work, the credential links each accepted deliverable and its page shows it")
    func showcasedWork() async throws {
        try await withTestApp { t in
            let (_, record) = try await issued(t, showcase: true)
            let settings = t.app.tryout.credentialSettings
            let id = CredentialID(try record.requireID())
            let evidence = try #require(CredentialsService.decoded(record.jwt)?.evidence)
            #expect(evidence.count == 3 && evidence[0].id == settings.evidenceURL(id, deliverable: 1))
            let shown = try await CredentialsService.evidence(id, deliverable: 1, settings: settings, t.context())
            #expect(shown.links == ["https://example.org/w"] && shown.credentialName == record.name)
            await #expect(throws: ActionError.notFound) { try await CredentialsService.evidence(id, deliverable: 9, settings: settings, t.context()) }
        }
    }

    @Test("pasted credentials are limited per client address, and an empty one is a field error")
    func verifyLimits() async throws {
        try await withTestApp { t in
            let verifier = CredentialVerifier(settings: t.app.tryout.credentialSettings, fetcher: NoFetcher())
            await #expect(throws: ValidationFailure.self) { try await CredentialsService.verify("  ", verifier: verifier, t.context()) }
            for _ in 0..<RequestLimits.credentialChecksPerClient.count {
                _ = try await CredentialsService.verify("a.b.c", verifier: verifier, t.context())
            }
            await #expect(throws: AccountRefusal.self) { try await CredentialsService.verify("a.b.c", verifier: verifier, t.context()) }
        }
    }
}

/// A verifier that reaches nothing outside.
struct NoFetcher: CredentialFetcher {
    func fetch(_ url: String) async -> Data? { nil }
}

/// A verifier that reads fixed documents by address.
struct FixedFetcher: CredentialFetcher {
    var bodies: [String: Data]

    func fetch(_ url: String) async -> Data? { bodies[url] }
}
