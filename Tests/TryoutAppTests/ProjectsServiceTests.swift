import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Projects service")
struct ProjectsServiceTests {
    private func draft(_ change: (inout Brief) -> Void = { _ in }) -> ProjectDraft {
        var brief = BriefTemplates.template(id: "data-analysis")!.brief
        change(&brief)
        return ProjectDraft(brief: brief, audience: ProjectAudience())
    }

    @Test("an author creates, edits, publishes, closes and duplicates a brief without a request")
    func lifecycle() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme Analytics")
            let ctx = try await t.context(as: "owner@acme-analytics.test")
            let project = try await ProjectsService.create(draft(), in: "acme-analytics", ctx)
            let id = ProjectID(try project.requireID())
            #expect(project.state == .draft)

            let edited = try await ProjectsService.update(id, with: draft { $0.title = "Churn analysis" }, ctx)
            #expect(edited.title == "Churn analysis" && edited.state == .draft)

            #expect(try await ProjectsService.transition(id, to: .published, ctx).state == .published)
            #expect(try await ProjectsService.transition(id, to: .closed, ctx).state == .closed)
            await #expect(throws: ActionError.conflict("A closed project cannot be edited.")) {
                try await ProjectsService.update(id, with: draft(), ctx)
            }
            await #expect(throws: ActionError.conflict("A closed project cannot be published.")) {
                try await ProjectsService.transition(id, to: .published, ctx)
            }

            let copy = try await ProjectsService.duplicate(id, ctx)
            #expect(copy.title == "Copy of Churn analysis" && copy.state == .draft && copy.id != project.id)
        }
    }

    @Test("the lint blocks publishing with its findings as field errors, and nothing changes")
    func lintBlocksPublish() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme Analytics")
            let ctx = try await t.context(as: "owner@acme-analytics.test")
            let project = try await ProjectsService.create(draft { $0.deliverables = [] }, in: "acme-analytics", ctx)
            let id = ProjectID(try project.requireID())
            let failure = await #expect(throws: ValidationFailure.self) { try await ProjectsService.transition(id, to: .published, ctx) }
            #expect(failure?.errors.contains { $0.field == "deliverables" } == true)
            #expect(try await Projects.find(id: id.uuid, on: t.db)?.state == .draft)
        }
    }

    @Test("another organization's people, and partners, find nothing to author")
    func otherOrganization() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme Analytics")
            try await Factory(t).organization("Other Works")
            try await Factory(t).organization("State College", kind: .partner)
            let owner = try await t.context(as: "owner@acme-analytics.test")
            let project = try await ProjectsService.create(draft(), in: "acme-analytics", owner)
            let id = ProjectID(try project.requireID())

            let other = try await t.context(as: "owner@other-works.test")
            await #expect(throws: ActionError.notFound) { try await ProjectsService.create(draft(), in: "acme-analytics", other) }
            await #expect(throws: ActionError.notFound) { try await ProjectsService.update(id, with: draft(), other) }
            await #expect(throws: ActionError.notFound) { try await ProjectsService.transition(id, to: .published, other) }
            await #expect(throws: ActionError.notFound) { try await ProjectsService.duplicate(id, other) }
            await #expect(throws: ActionError.notFound) {
                try await ProjectsService.saveOnboarding(id, titles: ["Meet the team"], owners: ["employer"], other)
            }
            let partner = try await t.context(as: "owner@state-college.test")
            await #expect(throws: ActionError.notFound) { try await ProjectsService.create(draft(), in: "state-college", partner) }
            #expect(try await Projects.all(of: project.$organization.id, on: t.db).count == 1)
        }
    }

    @Test("the onboarding checklist is validated, then saved for new engagements")
    func onboarding() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme Analytics")
            let ctx = try await t.context(as: "owner@acme-analytics.test")
            let id = ProjectID(try await ProjectsService.create(draft(), in: "acme-analytics", ctx).requireID())
            await #expect(throws: ValidationFailure.self) {
                try await ProjectsService.saveOnboarding(id, titles: ["Meet the team"], owners: ["nobody"], ctx)
            }
            try await ProjectsService.saveOnboarding(id, titles: ["Meet the team"], owners: ["employer"], ctx)
            #expect(try await Projects.find(id: id.uuid, on: t.db)?.onboarding.map(\.title) == ["Meet the team"])
        }
    }

    @Test("search: malformed parameters are field errors, unknown names a notice, and only published projects are found")
    func search() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme Analytics")
            let ctx = try await t.context(as: "owner@acme-analytics.test")
            _ = try await ProjectsService.create(draft { $0.title = "Unpublished draft" }, in: "acme-analytics", ctx)
            let published = try await Factory(t).publishedProject(of: org)

            let found = try await MarketplaceService.search(ProjectSearchInput(organization: "acme-analytics"), t.context())
            #expect(found.projects.map(\.id) == [published.id] && found.total == 1 && found.notices.isEmpty)

            let failure = await #expect(throws: ValidationFailure.self) {
                try await MarketplaceService.search(ProjectSearchInput(minHours: "many", mode: "moon", limit: "0"), t.context())
            }
            #expect(failure?.errors.map(\.field) == ["minHours", "mode", "limit"])

            let unknown = try await MarketplaceService.search(ProjectSearchInput(organization: "nobody-here"), t.context())
            #expect(unknown.projects.isEmpty && unknown.notices.map(\.parameter) == ["organization"])
        }
    }
}
