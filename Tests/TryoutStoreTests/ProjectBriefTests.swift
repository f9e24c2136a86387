import FluentKit
import Foundation
import SQLKit
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("Project briefs")
struct ProjectBriefTests {
    private func setUp(_ t: TestApp) async throws -> (OrganizationRecord, Brief) {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let org = try await Factory(t).organization("Acme")
        var brief = try #require(BriefTemplates.template(id: "data-analysis")).brief
        let sql = try #require(try await SkillRecord.query(on: t.db).filter(\.$label == "SQL").first())
        brief.skills = [SkillRequirement(uri: try sql.requireID(), level: 3, required: true)]
        brief.internTest = nil
        brief.screeningQuestions = ["Why this project?"]
        brief.startDate = Date(timeIntervalSince1970: 1_800_000_000)
        return (org, brief)
    }

    @Test("a brief reads back exactly as it was written, with its audience")
    func roundTrip() async throws {
        try await withTestApp { t in
            let (org, brief) = try await setUp(t)
            let partner = try await Factory(t).organization("Lakeside", kind: .partner)
            let audience = ProjectAudience(partnerIDs: [try partner.requireID()], invitedEmails: ["a@x.io", "b@x.io"])
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: audience,
                                                         at: t.clock.now, on: t.db)
            #expect(try await ProjectBriefs.brief(of: project, on: t.db) == brief)
            #expect(try await ProjectBriefs.audience(of: project.requireID(), on: t.db) == audience)
            #expect(project.state == .draft)
        }
    }

    @Test("a brief's HTML is rendered when it is saved; one a past renderer wrote is rendered again, on reading and by renderBriefs")
    func renderedOnSave() async throws {
        try await withTestApp { t in
            let (org, brief) = try await setUp(t)
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: ProjectAudience(),
                                                         at: t.clock.now, on: t.db)
            let id = try project.requireID()
            let stored = { try #require(try await Projects.find(id: id, on: t.db)) }
            #expect(try await stored().storedBriefHTML == SafeMarkdown.html(brief.body) && brief.body.contains("#"))
            #expect(try await stored().briefHTMLRevision == SafeMarkdown.revision)

            project.brief = "Now *this*."
            try await project.save(on: t.db)
            #expect(try await stored().briefHTML == "<p>Now <em>this</em>.</p>")

            // As if a past revision of the renderer had written it.
            let sql = try #require(t.db as? any SQLDatabase)
            try await sql.raw("UPDATE projects SET brief_html = 'old', brief_html_revision = \(bind: SafeMarkdown.revision - 1)").run()
            #expect(try await stored().briefHTML == "<p>Now <em>this</em>.</p>", "rendered afresh, not the old HTML")
            try await Projects.renderBriefs(on: t.db)
            let rendered = try await stored()
            #expect(rendered.storedBriefHTML == "<p>Now <em>this</em>.</p>" && rendered.briefHTMLRevision == SafeMarkdown.revision)
        }
    }

    @Test("drafts are edited in place; after publishing, changed deliverables make a new version")
    func versions() async throws {
        try await withTestApp { t in
            let (org, brief) = try await setUp(t)
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: .init(), at: t.clock.now, on: t.db)
            var edited = brief
            edited.deliverables[0].title = "Cleaning log"
            try await ProjectBriefs.update(project, brief: edited, audience: .init(), at: t.clock.now, on: t.db)
            #expect(project.briefVersion == 1)
            #expect(try await BriefVersionRecord.query(on: t.db).count() == 1)

            try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
            edited.title = "A new title only"
            try await ProjectBriefs.update(project, brief: edited, audience: .init(), at: t.clock.now, on: t.db)
            #expect(project.briefVersion == 1)

            edited.rubric[0].weight = 30
            edited.rubric[1].weight = 30
            try await ProjectBriefs.update(project, brief: edited, audience: .init(), at: t.clock.now, on: t.db)
            #expect(project.briefVersion == 2)
            let versions = try await BriefVersionRecord.query(on: t.db).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[0].rubric.contains("\"weight\":40"))
            #expect(try await ProjectBriefs.brief(of: project, on: t.db).rubric[0].weight == 30)
        }
    }

    @Test("the search index follows the brief and its skills")
    func searchIndex() async throws {
        try await withTestApp { t in
            let (org, brief) = try await setUp(t)
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: .init(), at: t.clock.now, on: t.db)
            let sql = try #require(t.db as? any SQLDatabase)
            func hits(_ word: String) async throws -> Int {
                if sql.dialect.name == "postgresql" {
                    return try await sql.raw("SELECT count(*) AS n FROM project_search WHERE document @@ to_tsquery('simple', \(bind: word))")
                        .first()!.decode(column: "n", as: Int.self)
                }
                return try await sql.raw("SELECT count(*) AS n FROM project_search WHERE project_search MATCH \(bind: word)")
                    .first()!.decode(column: "n", as: Int.self)
            }
            #expect(try await hits("analyse") == 1)
            #expect(try await hits("SQL") == 1)
            var renamed = brief
            renamed.title = "Forecast warehouse demand"
            renamed.summary = "Predict volumes."
            renamed.body = "Use time series."
            renamed.skills = []
            try await ProjectBriefs.update(project, brief: renamed, audience: .init(), at: t.clock.now, on: t.db)
            #expect(try await hits("warehouse") == 1)
            #expect(try await hits("SQL") == 0)
        }
    }
}
