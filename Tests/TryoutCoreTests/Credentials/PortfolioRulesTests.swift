import Foundation
import Testing
import TryoutCore

@Suite("Portfolio and assembly rules")
struct PortfolioRulesTests {
    private let issuer = OpenBadgeCredential.Profile(id: "did:web:tryout.example.org", name: "Tryout", url: "https://tryout.example.org")

    private func facts(medians: [Double], skills: [CredentialFacts.Skill] = []) -> CredentialFacts {
        CredentialFacts(
            credentialURL: "https://tryout.example.org/credentials/c1", issuer: issuer,
            creator: .init(id: "https://tryout.example.org/orgs/acme", name: "Acme", url: nil), title: "Churn analysis", summary: "Two weeks.",
            deliverables: [Deliverable(title: "Memo", description: "One page.", dueOffsetDays: 5, weight: 60),
                           Deliverable(title: "Notebook", description: "", dueOffsetDays: 10, weight: 40)],
            rubric: [RubricCriterion(title: "Insight", weight: 60, levels: ["a", "b", "c", "d"]),
                     RubricCriterion(title: "Clarity", weight: 40, levels: ["a", "b", "c", "d"])],
            medians: medians, skills: skills, started: nil, ended: nil, evidence: [],
            identifier: .init(emailSHA256Hex: "ab", salt: "s"),
            status: .init(listURL: "https://tryout.example.org/credentials/status/1", index: 7), issued: Date(timeIntervalSince1970: 0))
    }

    @Test("the result names the level each criterion's median reached, halves rounding up; no scorecards, no result")
    func results() throws {
        let credential = CredentialAssembly.credential(facts(medians: [2.5, 4]))
        let achievement = credential.credentialSubject.achievement
        let names = Dictionary(uniqueKeysWithValues: (achievement.resultDescription ?? []).flatMap { $0.rubricCriterionLevel.map { ($0.id, $0.name) } })
        #expect(credential.credentialSubject.result?.map { names[$0.achievedLevel] } == ["Proficient", "Exemplary"])
        #expect(achievement.resultDescription?.first?.rubricCriterionLevel.map(\.description) == ["a", "b", "c", "d"])
        #expect(achievement.criteria.narrative == """
            Set by Acme and judged on a rubric fixed before the work began.

            Deliverables:
            1. Memo: One page.
            2. Notebook

            Rubric:
            - Insight (60%)
            - Clarity (40%)
            """)
        #expect(CredentialAssembly.credential(facts(medians: [])).credentialSubject.result == nil)
        #expect(credential.credentialStatus?.statusListIndex == "7" && credential.id == "https://tryout.example.org/credentials/c1")
    }

    @Test("portfolio addresses are 3 to 40 lower-case letters, digits and dashes, not the platform's words; publishing needs one")
    func settings() throws {
        #expect(try PortfolioSettingsInput(published: true, slug: " Ada-Okafor ", headline: " Analyst ").validated()
                == PortfolioSettings(published: true, slug: "ada-okafor", headline: "Analyst"))
        #expect(try PortfolioSettingsInput(published: false, slug: "", headline: "").validated() == PortfolioSettings())
        for slug in ["ab", "-ada", "ada-", "ada okafor", "adá", String(repeating: "a", count: 41), "admin"] {
            #expect(throws: ValidationFailure.self, "\(slug)") { try PortfolioSettingsInput(published: false, slug: slug, headline: "").validated() }
        }
        #expect(throws: ValidationFailure.self) { try PortfolioSettingsInput(published: true, slug: nil, headline: "").validated() }
        #expect(throws: ValidationFailure.self) {
            try PortfolioSettingsInput(published: false, slug: "ada", headline: String(repeating: "x", count: 141)).validated()
        }
    }

    @Test("LinkedIn's add-certification link carries the name, organization, issue year and month, the URL and the id, escaped")
    func linkedIn() throws {
        let url = LinkedInCertification.url(name: "Churn analysis + SQL", organization: "Acme & Co", issued: Date(timeIntervalSince1970: 1_796_000_000),
                                            credentialURL: "https://tryout.example.org/credentials/c1", credentialID: "c1")
        let items = try #require(URLComponents(string: url)?.queryItems)
        let query = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
        #expect(url.hasPrefix("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&"))
        #expect(query["name"] == "Churn analysis + SQL" && query["organizationName"] == "Acme & Co")
        #expect(query["issueYear"] == "2026" && query["issueMonth"] == "11" && query["certId"] == "c1")
        #expect(query["certUrl"] == "https://tryout.example.org/credentials/c1" && url.contains("%2B"))
    }

    @Test("verified skills are counted across credentials, most shown first")
    func skillCounts() throws {
        let sql = CredentialFacts.Skill(uri: "http://data.europa.eu/esco/skill/sql", label: "SQL")
        let stats = CredentialFacts.Skill(uri: "http://data.europa.eu/esco/skill/stats", label: "statistics")
        let counts = VerifiedSkillCount.count([CredentialAssembly.credential(facts(medians: [], skills: [stats, sql])),
                                               CredentialAssembly.credential(facts(medians: [], skills: [sql]))])
        #expect(counts.map(\.name) == ["SQL", "statistics"] && counts.map(\.count) == [2, 1])
    }

    @Test("a status list credential carries the list gzipped in multibase base64url, and reads it back")
    func statusListCredential() throws {
        let list = BitstringStatusListCredential(id: "https://tryout.example.org/credentials/status/1", issuer: "did:web:tryout.example.org",
                                                 validFrom: Date(timeIntervalSince1970: 0), gzippedList: [0x1f, 0x8b, 0xff])
        #expect(list.credentialSubject.encodedList == "uH4v_" && list.gzippedList == [0x1f, 0x8b, 0xff])
        #expect(list.type == ["VerifiableCredential", "BitstringStatusListCredential"] && list.credentialSubject.statusPurpose == "revocation")
    }
}
