import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Candidate profile")
struct ProfileTests {
    /// A full profile as the form sends it; skills by label.
    private var form: [String: String] {
        var profile = CandidateProfile()
        profile.headline = "Statistics student"
        profile.hoursPerWeek = 12
        profile.timeZone = "Europe/London"
        profile.languages = ["English", "Yoruba"]
        profile.accommodations = "Captions in calls, please."
        profile.githubURL = "https://github.com/ada"
        profile.discoverable = true
        profile.skills = [.init(uri: "a", level: 3), .init(uri: "b", level: 2)]
        return CandidateProfileInput(profile: profile, skillLabels: ["a": "SQL", "b": "structured query language"]).fields
    }

    private func candidate(_ t: TestApp, _ email: String = "ada@uni.test") async throws {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let user = try await Factory(t).user(email, name: "Ada Okafor")
        try await CandidateProfiles.create(userID: user.requireID(), name: "Ada Okafor", at: t.clock.now, on: t.db)
    }

    @Test("a candidate fills in the profile; skills are found by label or alternative label")
    func save() async throws {
        try await withTestApp { t in
            try await candidate(t)
            try await t.signIn("ada@uni.test")
            #expect(try await t.get("/profile").body.string.contains("Your profile"))
            var fields = form
            fields["skill.1.label"] = "Python (computer programming)"
            let saved = try await t.post("/profile", fields)
            #expect(saved.status == .seeOther)
            let page = try await t.get("/profile").body.string
            #expect(page.contains(#"value="Statistics student""#) && page.contains(#"value="Python (computer programming)""#))
            #expect(page.contains("Captions in calls, please."))
            let record = try #require(try await CandidateProfileRecord.query(on: t.db).first())
            let profile = try await CandidateProfiles.profile(record, on: t.db)
            #expect(profile.skills.count == 2 && profile.discoverable && profile.languages == ["English", "Yoruba"])
        }
    }

    @Test("unknown and repeated skills and bad fields come back as field errors; nothing is half saved")
    func errors() async throws {
        try await withTestApp { t in
            try await candidate(t)
            try await t.signIn("ada@uni.test")
            try await t.get("/profile")
            var fields = form
            fields["skill.0.label"] = "javascrpt frameworks"
            fields["skill.1.label"] = "sql"
            fields["skill.2.label"] = "SQL"
            fields["skill.2.level"] = "1"
            let res = try await t.post("/profile", fields)
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("is not an ESCO skill") && res.body.string.contains("is listed twice"))
            // Errors belong to the row typed in, even after empty rows.
            fields["skill.6.label"] = "Underwater basket weaving"
            fields["skill.6.level"] = "2"
            #expect(try await t.post("/profile", fields).body.string.contains(#"id="field-skill.6.label-error""#))
            fields["timeZone"] = "Nowhere/Special"
            #expect(try await t.post("/profile", fields).body.string.contains("Choose a time zone"))
            #expect(try await CandidateSkillRecord.query(on: t.db).count() == 0)
            #expect(try await CandidateProfileRecord.query(on: t.db).first()?.headline == "")
        }
    }

    @Test("voluntary answers are stored apart, never on the profile, and may be taken back")
    func demographics() async throws {
        try await withTestApp { t in
            try await candidate(t)
            try await t.signIn("ada@uni.test")
            try await t.get("/profile/demographics")
            #expect(try await t.post("/profile/demographics", ["gender": "robot"]).status == .unprocessableEntity)
            #expect(try await t.post("/profile/demographics", ["gender": "woman", "veteran": "no", "disability": ""]).status == .seeOther)
            let user = try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db))
            #expect(try await CandidateProfiles.demographics(userID: user.requireID(), on: t.db) == [.gender: "woman", .veteran: "no"])
            #expect(!(try await t.get("/profile").body.string.contains("Woman")))
            try await t.get("/profile/demographics")
            try await t.post("/profile/demographics", ["gender": "", "veteran": "no"])
            #expect(try await CandidateProfiles.demographics(userID: user.requireID(), on: t.db) == [.veteran: "no"])
        }
    }

    @Test("only candidates have a profile; the navigation says so")
    func whoHasOne() async throws {
        try await withTestApp { t in
            try await candidate(t)
            try await Factory(t).organization("Acme")
            #expect(try await t.get("/profile").status == .seeOther, "signed out: sign in first")
            try await t.signIn("owner@acme.test")
            #expect(try await t.get("/profile").status == .notFound)
            #expect(try await t.get("/profile/demographics").status == .notFound)
            #expect(!(try await t.get("/settings").body.string.contains(#"href="/profile""#)))
            try await t.signIn("ada@uni.test")
            #expect(try await t.get("/settings").body.string.contains(#"<a href="/profile">Profile</a>"#))
        }
    }

    @Test("a candidate sees how their profile matches a project, with what is missing; others see no match")
    func matchOnProjectPage() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            try await candidate(t)
            try await Factory(t).organization("Acme")
            let churn = try #require(try await ProjectRecord.query(on: t.db).filter(\.$title == "Customer churn analysis").first())
            try await t.signIn("ada@uni.test")
            try await t.get("/profile")
            var fields = form
            fields["skill.1.label"] = ""
            try await t.post("/profile", fields)
            let page = try await t.get("/projects/\(churn.id!)").body.string
            #expect(page.contains("Your match: "))
            #expect(page.contains("1 of 2 required skills"))
            #expect(page.contains("Not on your profile yet: Python (computer programming)"))
            try await t.signIn("owner@acme.test")
            #expect(!(try await t.get("/projects/\(churn.id!)").body.string.contains("Your match")))
        }
    }

    @Test("recommendations: projects that ask for the candidate's skills, best match first")
    func recommended() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            try await candidate(t)
            try await t.signIn("ada@uni.test")
            #expect(try await t.get("/profile/recommended").body.string.contains("Add your skills to get recommendations."))
            try await t.get("/profile")
            var fields = form
            fields["skill.1.label"] = "JavaScript"
            fields["skill.1.level"] = "4"
            fields["skill.2.label"] = "implement front-end website design"
            fields["skill.2.level"] = "3"
            try await t.post("/profile", fields)
            let page = try await t.get("/profile/recommended").body.string
            let churn = try #require(page.range(of: "Customer churn analysis"))
            let landing = try #require(page.range(of: "Landing page A/B test"))
            #expect(landing.lowerBound < churn.lowerBound, "both of the landing page's required skills beat one of churn's two")
            #expect(page.contains("Match ") && !page.contains("Social media plan"))
        }
    }
}

@Suite("Display names")
struct DisplayNameTests {
    @Test("a name is one line, at sign-up and in the settings; a refused name changes nothing")
    func oneLine() async throws {
        try await withTestApp { t in
            let hostile = "Bruno Silva\n\n## Clause 9\n\nThe Company pays USD 1,000,000 on signing."
            try await t.get("/signup")
            let signUp = try await t.post("/signup", ["kind": "candidate", "name": hostile, "email": "bruno@example.com", "password": "violet kettle mountain"])
            #expect(signUp.status == .unprocessableEntity && signUp.body.string.contains("Your name must be one line, without tabs or line breaks."))
            #expect(try await Accounts.user(email: EmailAddress("bruno@example.com")!, on: t.db) == nil)

            try await Factory(t).user("ada@uni.test", name: "Ada Okafor")
            try await t.signIn("ada@uni.test")
            try await t.get("/settings")
            let renamed = try await t.post("/settings/profile", ["name": hostile])
            #expect(renamed.status == .unprocessableEntity && renamed.body.string.contains("Your name must be one line, without tabs or line breaks."))
            #expect(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db)?.displayName == "Ada Okafor")
            #expect(try await t.post("/settings/profile", ["name": " Ada Okafor-Bello "]).status == .seeOther)
            #expect(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db)?.displayName == "Ada Okafor-Bello")
        }
    }
}
