import Fluent
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Credential pages and API")
struct CredentialsWebTests {
    /// Ada's completed engagement with Acme and the path of the credential the worker issued.
    private func issued(_ t: TestApp) async throws -> (record: CredentialRecord, path: String) {
        let engagementID = try await completedEngagement(t)
        try await t.runJobs()
        let record = try #require(try await Credentials.of(engagementID: engagementID, on: t.db))
        return (record, "/credentials/\(try record.requireID().uuidString.lowercased())")
    }

    @Test("the issuer's DID document and JWKS list the signing key; the status list is a signed, gzipped BitstringStatusListCredential")
    func issuerDocuments() async throws {
        try await withTestApp { t in
            let (record, _) = try await issued(t)
            let settings = t.app.tryout.credentialSettings
            let did = try await t.get("/.well-known/did.json")
            #expect(did.status == .ok && did.headers.first(name: .contentType) == "application/did+json")
            let document = try JSONDecoder().decode(DIDDocument.self, from: Data(did.body.readableBytesView))
            #expect(document.id == settings.did.did && document.assertionMethod == [settings.kid])
            #expect(document.verificationMethod.first?.type == "JsonWebKey" && document.verificationMethod.first?.publicKeyJwk.crv == "Ed25519")
            let jwks = try await t.get("/.well-known/jwks.json")
            #expect(jwks.status == .ok && jwks.body.string.contains(#""kid":"\#(settings.kid)""#))
            let list = try await t.get("/credentials/status/\(record.statusList)")
            #expect(list.status == .ok && list.headers.first(name: .contentType) == "application/vc+jwt")
            let payload = try #require(VCJWT.decode(list.body.string)?.payload)
            #expect((payload["type"] as? [String])?.contains("BitstringStatusListCredential") == true)
            #expect(try await t.get("/credentials/status/99").status == .notFound)
            #expect(try await t.get("/credentials/status/zero").status == .notFound)
        }
    }

    @Test("anyone reads the credential verified, and downloads it as a VC-JWT and as JSON; the holder also gets the LinkedIn link")
    func publicPage() async throws {
        try await withTestApp { t in
            let (record, path) = try await issued(t)
            try await t.signOut()
            let page = try await t.get(path)
            #expect(page.status == .ok && page.body.string.contains("Verified: signed by its issuer"))
            #expect(page.body.string.contains("Result on the rubric") && page.body.string.contains("Proficient"))
            #expect(!page.body.string.contains("linkedin.com") && !page.body.string.contains("ada@uni.test"))
            let jwt = try await t.get(path + "/credential.jwt")
            #expect(jwt.body.string == record.jwt && jwt.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            let json = try await t.get(path + "/credential.json")
            #expect(json.body.string.contains(#""type" : ["#) || json.body.string.contains(#""OpenBadgeCredential""#))
            #expect(try await t.get("/credentials/\(UUID())").status == .notFound)
            #expect(try await t.get("/credentials/not-an-id").status == .notFound)

            let own = try await visit(t, as: "ada@uni.test", path)
            #expect(own.body.string.contains("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"))
            #expect(own.body.string.contains("organizationName=Acme"))
            #expect(try await t.get("/credentials").body.string.contains(record.name))
        }
    }

    @Test("the owner revokes from a confirmation page with a reason; a manager cannot, but endorses; the page then says revoked")
    func revokeAndEndorse() async throws {
        try await withTestApp { t in
            let (_, path) = try await issued(t)
            let manager = try await visit(t, as: "hiring_manager@acme.test", path)
            #expect(!manager.body.string.contains("Revoke this credential") && manager.body.string.contains("Endorse this work"))
            #expect(try await t.get(path + "/revoke").status == .notFound)
            #expect(try await t.post(path + "/revoke", ["reason": "No"]).status == .notFound)
            let empty = try await t.post(path + "/endorse", ["text": ""])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("The endorsement is required."))
            #expect(try await t.post(path + "/endorse", ["text": "Sharp & careful <work>."]).status == .seeOther)
            #expect(try await t.get(path).body.string.contains("Sharp &amp; careful &lt;work&gt;."))

            let owner = try await visit(t, as: "owner@acme.test", path)
            #expect(owner.body.string.contains("Revoke this credential"))
            #expect(try await t.get(path + "/revoke").body.string.contains("It cannot be undone."))
            #expect(try await t.post(path + "/revoke", ["reason": "Fraud"], csrf: "").status == .forbidden)
            let blank = try await t.post(path + "/revoke", ["reason": " "])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains("The reason is required."))
            #expect(try await t.post(path + "/revoke", ["reason": "Copied from another candidate."]).status == .seeOther)
            let revoked = try await t.get(path)
            #expect(revoked.body.string.contains("Revoked by its issuer: Copied from another candidate."))
            #expect(!revoked.body.string.contains("Revoke this credential"))
        }
    }

    @Test("/verify checks a pasted credential for anyone: valid, tampered, or not a JWT; the form needs its token")
    func verifyPage() async throws {
        try await withTestApp { t in
            let (record, _) = try await issued(t)
            try await t.signOut()
            _ = try await t.get("/verify")
            let valid = try await t.post("/verify", ["jwt": record.jwt])
            #expect(valid.status == .ok && valid.body.string.contains("Verified: signed by its issuer"))
            let parts = record.jwt.split(separator: ".").map(String.init)
            let forged = try await t.post("/verify", ["jwt": parts[0] + "." + parts[1].dropLast(2) + "AA." + parts[2]])
            #expect(forged.body.string.contains("Does not verify"))
            let empty = try await t.post("/verify", ["jwt": ""])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Paste the credential"))
            #expect(try await t.post("/verify", ["jwt": record.jwt], csrf: "").status == .forbidden)
        }
    }

    @Test("a portfolio answers 404 until published; then it shows the credential and skills without the address; the JSON download matches")
    func portfolioPages() async throws {
        try await withTestApp { t in
            let (record, _) = try await issued(t)
            #expect(try await t.get("/u/ada-okafor").status == .notFound)
            _ = try await visit(t, as: "ada@uni.test", "/portfolio")
            let taken = try await t.post("/portfolio", ["slug": "api", "headline": "x", "published": "on"])
            #expect(taken.status == .unprocessableEntity && taken.body.string.contains("kept for the platform"))
            #expect(try await t.post("/portfolio", ["slug": "ada-okafor", "headline": "Data analyst"]).status == .seeOther)
            #expect(try await t.get("/u/ada-okafor").status == .notFound, "saved, not published")
            #expect(try await t.post("/portfolio", ["slug": "ada-okafor", "headline": "Data analyst", "published": "on"]).status == .seeOther)
            try await t.signOut()
            let page = try await t.get("/u/ada-okafor")
            #expect(page.status == .ok && page.body.string.contains("Ada Okafor") && page.body.string.contains(record.name))
            #expect(page.body.string.contains("Verified skills") && !page.body.string.contains("ada@uni.test"))
            let json = try await t.get("/u/ada-okafor/portfolio.json")
            #expect(json.status == .ok && json.body.string.contains(record.jwt) && !json.body.string.contains("ada@uni.test"))
        }
    }

    @Test("the API: my credentials, a credential for anyone, verify without a token, revoke for the owner only, portfolio settings")
    func api() async throws {
        try await withTestApp { t in
            let (record, _) = try await issued(t)
            let id = try record.requireID().uuidString.lowercased()
            let ada = try await t.token(for: "ada@uni.test")
            let mine = try await t.api(.GET, "/api/v1/me/credentials", token: ada)
            #expect(mine.status == .ok && mine.body.string.contains(#""id":"\#(id)""#))
            #expect(try await t.api(.GET, "/api/v1/me/credentials", token: nil).status == .unauthorized)
            let open = try await t.api(.GET, "/api/v1/credentials/\(id)", token: nil)
            #expect(open.status == .ok && open.body.string.contains(#""status":"valid""#))
            let verified = try await t.api(.POST, "/api/v1/credentials/verify", token: nil, json: #"{"jwt":"\#(record.jwt)"}"#)
            #expect(verified.status == .ok && verified.body.string.contains(#""status":"valid""#))
            #expect(try await t.api(.POST, "/api/v1/credentials/verify", token: nil, json: #"{"jwt":""}"#).status == .unprocessableEntity)
            #expect(try await t.api(.POST, "/api/v1/credentials/verify", token: nil, json: "[]").status == .badRequest)
            // The limit counts what was sent, as the API document does: a newline before the longest
            // allowed text puts it over.
            let longest = String(repeating: "0", count: CredentialsService.maxPastedLength)
            let atLimit = try await t.api(.POST, "/api/v1/credentials/verify", token: nil, json: #"{"jwt":"\#(longest)"}"#)
            #expect(atLimit.status == .ok && atLimit.body.string.contains(#""status":"invalid""#))
            let over = try await t.api(.POST, "/api/v1/credentials/verify", token: nil, json: #"{"jwt":"\n\#(longest)"}"#)
            #expect(over.status == .unprocessableEntity && over.body.string.contains("at most 65536 characters"))

            // Another organization's owner is told there is no such credential.
            try await Factory(t).organization("Globex")
            let globex = try await t.token(for: "owner@globex.test")
            #expect(try await t.api(.POST, "/api/v1/credentials/\(id)/revoke", token: globex, json: #"{"reason":"x"}"#).status == .notFound)
            let acme = try await t.token(for: "owner@acme.test")
            let revoked = try await t.api(.POST, "/api/v1/credentials/\(id)/revoke", token: acme, json: #"{"reason":"Issued in error."}"#)
            #expect(revoked.status == .ok && revoked.body.string.contains(#""status":"revoked""#))
            #expect(try await t.api(.POST, "/api/v1/credentials/\(id)/revoke", token: acme, json: #"{"reason":"Again"}"#).status == .conflict)

            #expect(try await t.api(.GET, "/api/v1/me/portfolio", token: ada).body.string.contains(#""published":false"#))
            let bad = try await t.api(.PUT, "/api/v1/me/portfolio", token: ada, json: #"{"published":true,"slug":"A!"}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains(#""field":"slug""#))
            let saved = try await t.api(.PUT, "/api/v1/me/portfolio", token: ada, json: #"{"published":true,"slug":"ada","headline":"Analyst"}"#)
            let portfolio = try JSONSerialization.jsonObject(with: Data(saved.body.readableBytesView)) as? [String: Any]
            #expect(saved.status == .ok && portfolio?["url"] as? String == "http://127.0.0.1:8080/u/ada")
        }
    }


    @Test("people to invite can be narrowed to candidates whose skills a credential verifies; a revoked credential no longer counts")
    func verifiedSkillsFilter() async throws {
        try await withTestApp { t in
            let (record, path) = try await issued(t)
            let acme = try #require(try await Organizations.find(slug: "acme", on: t.db))
            let project = try await Factory(t).publishedProject(of: acme)
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let ada = try #require(try await CandidateProfiles.profile(userID: record.candidateID, on: t.db)).requireID()
            let people = "/projects/\(try project.requireID())/candidates"
            let everyone = try await visit(t, as: "hiring_manager@acme.test", people).body.string
            #expect(everyone.components(separatedBy: "<th scope=\"row\">Candidate ").count == 3)
            let verified = try await t.get(people + "?verified=on").body.string
            #expect(verified.components(separatedBy: "<th scope=\"row\">Candidate ").count == 2)
            #expect(verified.contains("Candidate \(BlindScreening.code(for: ada))") && verified.contains(#"name="verified" checked"#))
            _ = try await visit(t, as: "owner@acme.test", path + "/revoke")
            #expect(try await t.post(path + "/revoke", ["reason": "Issued in error."]).status == .seeOther)
            let after = try await visit(t, as: "hiring_manager@acme.test", people + "?verified=on").body.string
            #expect(after.contains("No discoverable candidate has one of this project's skills verified yet."))
        }
    }

    @Test("another organization's manager cannot endorse; accepted work shows only where the employer allowed it; GET on the verify address is 405")
    func boundaries() async throws {
        try await withTestApp { t in
            let (_, path) = try await issued(t)
            try await Factory(t).organization("Globex", roles: [.owner, .hiringManager])
            _ = try await visit(t, as: "hiring_manager@globex.test", path)
            #expect(try await t.post(path + "/endorse", ["text": "Great."]).status == .notFound)
            #expect(try await EndorsementRecord.query(on: t.db).count() == 0, "nothing written")
            try await t.signOut()
            #expect(try await t.get(path + "/evidence/1").status == .notFound, "Acme did not allow showing the work")
            let wrongMethod = try await t.api(.GET, "/api/v1/credentials/verify", token: nil)
            #expect(wrongMethod.status == .methodNotAllowed && wrongMethod.headers.first(name: "Allow") == "POST")
        }
    }
}
