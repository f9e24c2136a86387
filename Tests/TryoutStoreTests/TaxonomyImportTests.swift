import FluentKit
import Foundation
import SQLKit
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("Taxonomy import")
struct TaxonomyImportTests {
    static let lighting = "http://data.europa.eu/esco/skill/6e53fd99-b646-4327-9580-ac062ab21188"

    private func importAll(_ t: TestApp) async throws -> [TaxonomyImport.Outcome] {
        var outcomes: [TaxonomyImport.Outcome] = []
        for name in ["skills_en.csv", "occupations_en.csv", "occupationSkillRelations_en.csv"] {
            outcomes.append(try await TaxonomyImport.run(try ESCOFile(csv: Fixtures.esco(name)), on: t.db))
        }
        return outcomes
    }

    @Test("the ESCO files add and update concepts; importing them again changes nothing")
    func idempotent() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let before = try await SkillRecord.query(on: t.db).count()
            let first = try await importAll(t)
            #expect(first[0] == TaxonomyImport.Outcome(added: 1, updated: 1))
            #expect(first[1] == TaxonomyImport.Outcome(added: 1))
            #expect(first[2] == TaxonomyImport.Outcome(added: 2, unmatched: 1))
            #expect(try await SkillRecord.query(on: t.db).count() == before + 1)
            let lighting = try #require(try await SkillRecord.find(Self.lighting, on: t.db))
            #expect(lighting.altLabels == "3D light design\nlighting in 3D")
            let coffee = try #require(try await Taxonomy.skill(label: "prepare \"espresso\" drinks", on: t.db))
            #expect(coffee.label == "brew coffee for a team" && coffee.altLabels == "make coffee\nprepare \"espresso\" drinks")

            let again = try await importAll(t)
            #expect(again[0] == TaxonomyImport.Outcome(unchanged: 2))
            #expect(again[1] == TaxonomyImport.Outcome(unchanged: 1))
            #expect(again[2] == TaxonomyImport.Outcome(unchanged: 2, unmatched: 1))
            let sql = try #require(t.db as? any SQLDatabase)
            let essential = try await sql.raw("SELECT essential FROM occupation_skills WHERE skill_uri = \(bind: Self.lighting)").first()
            #expect(try essential?.decode(column: "essential", as: Bool.self) == false)
        }
    }

    @Test("a skill's new alternative label finds the projects that ask for it")
    func reindexes() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            var brief = BriefTemplates.all[0].brief
            brief.skills = [SkillRequirement(uri: Self.lighting, level: 2, required: true)]
            let org = try await Factory(t).organization("Acme")
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: ProjectAudience(),
                                                         at: t.clock.now, on: t.db)
            try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
            var query = ProjectSearchQuery()
            query.text = "light design"
            #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).total == 0)
            _ = try await importAll(t)
            #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs == [project.id])
        }
    }

    @Test("skills are found by label and alternative label, best first, with wildcards taken literally")
    func search() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let found = try await Taxonomy.search("javascr", limit: 5, on: t.db)
            #expect(found.first?.skill.label == "JavaScript")
            #expect(try await Taxonomy.search("%", limit: 5, on: t.db).isEmpty)
            #expect(try await Taxonomy.search("_", limit: 5, on: t.db).isEmpty)
            let message = try await Taxonomy.unknownSkillMessage("javascrpt", on: t.db)
            #expect(message.contains("is not an ESCO skill"))
            #expect(try await Taxonomy.unknownSkillMessage("javascript frame", on: t.db).contains("Did you mean"))
        }
    }
}
