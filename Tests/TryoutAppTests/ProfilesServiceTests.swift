import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Profiles service")
struct ProfilesServiceTests {
    /// A signed-in candidate's context, as a job acting for them would build it.
    private func candidate(_ t: TestApp, _ email: String = "ada@uni.test") async throws -> ActionContext {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let user = try await Factory(t).user(email, name: "Ada Okafor")
        try await CandidateProfiles.create(userID: user.requireID(), name: "Ada Okafor", at: t.clock.now, on: t.db)
        var ctx = t.context()
        ctx.principal = try await Accounts.principal(for: user, on: t.db)
        return ctx
    }

    private func input(skills: [String]) -> CandidateProfileInput {
        var fields = ["headline": "Statistics student", "hoursPerWeek": "12", "timeZone": "Europe/London", "languages": "English"]
        for (index, label) in skills.enumerated() {
            fields["skill.\(index).label"] = label
            fields["skill.\(index).level"] = "3"
        }
        return CandidateProfileInput(fields)
    }

    @Test("a candidate saves the profile with skills named by label; the labels come back")
    func save() async throws {
        try await withTestApp { t in
            let ctx = try await candidate(t)
            let owner = try await ProfilesService.owner(ctx)
            let saved = try await ProfilesService.save(input(skills: ["SQL", "Python (computer programming)"]), for: owner, ctx)
            #expect(saved.profile.headline == "Statistics student" && saved.profile.skills.count == 2)
            #expect(Set(saved.skillLabels.values) == ["SQL", "Python (computer programming)"])
            #expect(try await ProfilesService.profile(of: owner, ctx).profile == saved.profile)
        }
    }

    @Test("an unknown skill is a field error naming the nearest skills, and nothing is saved")
    func unknownSkill() async throws {
        try await withTestApp { t in
            let ctx = try await candidate(t)
            let owner = try await ProfilesService.owner(ctx)
            let failure = await #expect(throws: ValidationFailure.self) {
                try await ProfilesService.save(input(skills: ["SQL", "javascript frame"]), for: owner, ctx)
            }
            let error = try #require(failure?.errors.first)
            #expect(error.field == "skill.1.label")
            #expect(error.message.contains("is not an ESCO skill") && error.message.contains("Did you mean") && error.message.contains("JavaScript Framework"))
            #expect(try await ProfilesService.profile(of: owner, ctx).profile.skills.isEmpty)
        }
    }

    @Test("only candidates have a profile")
    func onlyCandidates() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            let owner = try #require(try await Accounts.user(email: EmailAddress("owner@acme.test")!, on: t.db))
            var ctx = t.context()
            ctx.principal = try await Accounts.principal(for: owner, on: t.db)
            await #expect(throws: ProfileRefusal.notACandidate) { try await ProfilesService.owner(ctx) }
        }
    }

    @Test("voluntary answers are validated, stored apart and may be taken back")
    func demographics() async throws {
        try await withTestApp { t in
            let ctx = try await candidate(t)
            let owner = try await ProfilesService.owner(ctx)
            await #expect(throws: ValidationFailure.self) { try await ProfilesService.saveDemographics(["gender": "robot"], for: owner, ctx) }
            try await ProfilesService.saveDemographics(["gender": "woman", "veteran": "no", "disability": ""], for: owner, ctx)
            #expect(try await ProfilesService.demographics(of: owner, ctx) == [.gender: "woman", .veteran: "no"])
            try await ProfilesService.saveDemographics(["gender": "", "veteran": "no"], for: owner, ctx)
            #expect(try await ProfilesService.demographics(of: owner, ctx) == [.veteran: "no"])
        }
    }

    @Test("recommendations: none without skills; with skills, projects asking for them, best first, without those applied to")
    func recommendations() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            let ctx = try await candidate(t)
            let owner = try await ProfilesService.owner(ctx)
            let none = try await ProfilesService.recommendations(for: owner, limit: 20, ctx)
            #expect(none.projects.isEmpty && !none.hasSkills)
            try await ProfilesService.save(input(skills: ["SQL", "JavaScript", "implement front-end website design"]), for: owner, ctx)
            let found = try await ProfilesService.recommendations(for: owner, limit: 20, ctx)
            #expect(found.hasSkills && !found.projects.isEmpty)
            let scores = found.projects.map(\.score.total)
            #expect(scores == scores.sorted(by: >))
            #expect(!found.projects.contains { $0.project.title == "Social media plan" })

            // Once the candidate has applied, the project is theirs to follow, not to be recommended.
            let best = try #require(found.projects.first).project
            let questions = try JSONDecoder().decode([String].self, from: Data(best.screeningQuestions.utf8))
            _ = try await ApplicationsService.apply(ApplicationInput(answers: questions.map { _ in "Because" }), to: ProjectID(try best.requireID()), ctx)
            let after = try await ProfilesService.recommendations(for: owner, limit: 20, ctx)
            #expect(!after.projects.contains { $0.project.id == best.id })
            #expect(after.projects.prefix(found.projects.count - 1).map(\.project.id) == found.projects.dropFirst().map(\.project.id))
        }
    }
}
