import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Writing briefs: the organization's projects, the brief editor's steps and a draft the lint refuses.
@Suite("Project PageSnapshots")
struct ProjectPageSnapshots {
    @Test func briefs() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            let camera = world.camera
            try await camera.snap("/orgs/acme/projects", as: SnapshotWorld.manager, named: "organization-projects")
            try await camera.snap("/orgs/acme/projects/new", as: SnapshotWorld.manager, named: "new-blank")
            try await camera.snap("/orgs/acme/projects/new?template=data-analysis", as: SnapshotWorld.manager, named: "new-from-template")
            let refused = try await camera.post("/orgs/acme/projects", ["title": "", "slots": "none"], as: SnapshotWorld.manager,
                                                from: "/orgs/acme/projects/new")
            camera.record(refused, named: "new-field-errors", status: .unprocessableEntity)

            // A draft whose rubric weights add up to 70: the lint lists it on the preview and refuses to publish.
            var brief = try #require(BriefTemplates.template(id: "data-analysis")).brief
            brief.title = "Draft with a lopsided rubric"
            brief.rubric[0].weight -= 30
            t.clock.advance(by: 60)
            let draft = try await ProjectBriefs.create(organizationID: world.org.requireID(), brief: brief, audience: ProjectAudience(),
                                                       at: t.clock.now, on: t.db).requireID()
            // Each step of the editor, with the publishing checklist beside it.
            for step in BriefStep.allCases {
                try await camera.snap("/projects/\(draft)/edit/\(step)", as: SnapshotWorld.manager, named: "edit-\(step)")
            }
            try await camera.snap("/projects/\(draft)", as: SnapshotWorld.manager, named: "draft-lint-findings")
            let publish = try await camera.post("/projects/\(draft)/publish", as: SnapshotWorld.manager, from: "/projects/\(draft)")
            #expect(publish.status == .seeOther)
            try await camera.snap("/projects/\(draft)", as: SnapshotWorld.manager, named: "draft-publish-refused")
            try await camera.snap("/orgs/acme/projects", as: SnapshotWorld.manager, named: "organization-projects-with-draft")
        }
    }
}
