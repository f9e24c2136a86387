import Foundation
import Testing
@testable import TryoutCore

@Suite("Credential rules")
struct CredentialRulesTests {
    @Test("base64url has no padding and no + or /, and reads back; other alphabets are refused")
    func base64URL() {
        let bytes = Data([0xfb, 0xff, 0xfe, 0x00, 0x01])
        #expect(Base64URL.encode(bytes) == "-__-AAE")
        #expect(Base64URL.decode("-__-AAE") == bytes)
        #expect(Base64URL.decode("+//+AAE=") == nil)
        #expect(Base64URL.decode("A") == nil)
        #expect(Base64URL.decode("") == Data())
    }

    @Test("status bits count from the first byte's most significant bit; lists are at least 131,072 bits")
    func statusBits() {
        var list = BitstringStatusList()
        #expect(list.count == 131_072 && list.bytes.count == 16_384)
        let inside = [0, 9, 131_071].map { list.set($0) }
        #expect(inside == [true, true, true])
        #expect(list.bytes[0] == 0x80 && list.bytes[1] == 0x40 && list.bytes[16_383] == 0x01)
        #expect(list.isSet(9) == true && list.isSet(10) == false && list.isSet(131_072) == nil)
        let outside = list.set(-1)
        #expect(!outside)
        list.set(9, false)
        #expect(list.isSet(9) == false && list.bytes[1] == 0)
        #expect(BitstringStatusList(bytes: [UInt8](repeating: 0, count: 100)) == nil)
        #expect(BitstringStatusList(bits: 10).count == 131_072)
    }

    @Test("indices are drawn at random among the free ones, never a taken one, and none when the list is full")
    func freeIndices() {
        var generator = SystemRandomNumberGenerator()
        var taken: Set<Int> = []
        for _ in 0..<200 {
            let index = BitstringStatusList.freeIndex(taken: taken, using: &generator)!
            #expect(!taken.contains(index))
            taken.insert(index)
        }
        // Two hundred indices in issue order would be 0…199; drawn at random they are spread out.
        #expect(taken.max()! > 10_000)
        #expect(BitstringStatusList.freeIndex(size: 3, taken: [0, 2], using: &generator) == 1)
        #expect(BitstringStatusList.freeIndex(size: 2, taken: [0, 1], using: &generator) == nil)
    }

    @Test("a site's did:web names its host, port and path, and resolves back to its DID document")
    func didWeb() {
        let plain = DIDWeb(publicURL: "https://tryout.example.org")
        #expect(plain == DIDWeb(publicURL: "https://Tryout.example.org/"))
        #expect(plain?.did == "did:web:tryout.example.org" && plain?.documentURL == "https://tryout.example.org/.well-known/did.json")
        let nested = DIDWeb(publicURL: "http://127.0.0.1:8080/jobs/tryout")
        #expect(nested?.did == "did:web:127.0.0.1%3A8080:jobs:tryout" && nested?.documentURL == "http://127.0.0.1:8080/jobs/tryout/did.json")
        #expect(DIDWeb.documentURL(of: "did:web:tryout.example.org") == "https://tryout.example.org/.well-known/did.json")
        #expect(DIDWeb.documentURL(of: "did:web:127.0.0.1%3A8080:jobs:tryout") == "https://127.0.0.1:8080/jobs/tryout/did.json")
        #expect(DIDWeb.documentURL(of: "did:key:z6Mk") == nil && DIDWeb.documentURL(of: "did:web:") == nil)
        #expect(DIDWeb(publicURL: "ftp://example.org") == nil && DIDWeb(publicURL: "not a url") == nil)
    }

    @Test("a credential carries the VC 2.0 and OB 3.0 members with the names the specifications give them")
    func credentialJSON() throws {
        let issuer = OpenBadgeCredential.Profile(id: "did:web:tryout.example.org", name: "Tryout", url: "https://tryout.example.org")
        let creator = OpenBadgeCredential.Profile(id: "https://tryout.example.org/orgs/acme", name: "Acme", url: nil)
        let level = OpenBadgeCredential.RubricCriterionLevel(id: "urn:x:insight:3", name: "Meets the brief", description: nil)
        let achievement = OpenBadgeCredential.Achievement(
            id: "https://tryout.example.org/projects/p1#achievement", name: "Churn analysis", description: "Two weeks of analysis.",
            criteria: "Deliverables: a memo.", creator: creator,
            alignment: [.init(escoLabel: "SQL", uri: "http://data.europa.eu/esco/skill/598de5b0")],
            resultDescription: [.init(id: "urn:x:insight", name: "Insight", levels: [level])])
        let subject = OpenBadgeCredential.AchievementSubject(
            identifier: .init(emailSHA256Hex: "ab12", salt: "s4lt"), achievement: achievement,
            result: [.init(resultDescription: "urn:x:insight", achievedLevel: level.id)],
            activityStartDate: Date(timeIntervalSince1970: 0), activityEndDate: nil)
        let credential = OpenBadgeCredential(id: "https://tryout.example.org/credentials/c1", name: "Churn analysis", issuer: issuer,
                                             validFrom: Date(timeIntervalSince1970: 1_796_000_000), credentialSubject: subject, evidence: [],
                                             credentialStatus: .init(listURL: "https://tryout.example.org/credentials/status/1", index: 42))
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(credential)) as? [String: Any])
        #expect(json["@context"] as? [String] == ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"])
        #expect(json["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect(json["validFrom"] as? String == "2026-11-30T00:53:20Z" && json["evidence"] == nil)
        let status = try #require(json["credentialStatus"] as? [String: Any])
        #expect(status["type"] as? String == "BitstringStatusListEntry" && status["statusListIndex"] as? String == "42"
                && status["statusPurpose"] as? String == "revocation")
        let subjectJSON = try #require(json["credentialSubject"] as? [String: Any])
        #expect(subjectJSON["activityStartDate"] as? String == "1970-01-01T00:00:00Z")
        let identity = try #require((subjectJSON["identifier"] as? [[String: Any]])?.first)
        #expect(identity["identityHash"] as? String == "sha256$ab12" && identity["identityType"] as? String == "emailAddress"
                && identity["hashed"] as? Bool == true)
        let achievementJSON = try #require(subjectJSON["achievement"] as? [String: Any])
        #expect((achievementJSON["criteria"] as? [String: Any])?["narrative"] as? String == "Deliverables: a memo.")
        let alignment = try #require((achievementJSON["alignment"] as? [[String: Any]])?.first)
        #expect(alignment["targetFramework"] as? String == "ESCO" && alignment["targetType"] as? String == "ceasn:Competency")
        #expect(try JSONDecoder().decode(OpenBadgeCredential.self, from: JSONEncoder().encode(credential)) == credential)
    }
}
