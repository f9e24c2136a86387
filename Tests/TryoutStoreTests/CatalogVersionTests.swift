import FluentKit
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The number the kept public pages go by (`CreateCatalogVersion`): raised by the database itself
/// in the writing transaction, on both databases.
@Suite("The catalog's version")
struct CatalogVersionTests {
    @Test("publishing, editing, renaming and a new skill raise it; what visitors never see leaves it; a write rolled back leaves it")
    func raisedByWhatVisitorsSee() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let org = engagement.organization
            var last = try await Catalog.version(on: t.db)
            /// Whether `write` moved the version, remembering where it stands.
            func raises(_ write: () async throws -> Void) async throws -> Bool {
                try await write()
                let now = try await Catalog.version(on: t.db)
                defer { last = now }
                return now > last
            }

            var brief = BriefTemplates.all[0].brief
            brief.title = "Walrus census"
            var project: ProjectRecord?
            #expect(try await raises {
                project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: ProjectAudience(), at: t.clock.now, on: t.db)
            })
            let created = try #require(project)
            #expect(try await raises { try await ProjectBriefs.setState(created, to: .published, at: t.clock.now, on: t.db) })
            brief.summary = "Count the walruses on one beach."
            #expect(try await raises {
                try await ProjectBriefs.update(created, brief: brief, audience: ProjectAudience(), at: t.clock.now, on: t.db)
            })
            #expect(try await raises {
                org.name = "Acme Research"
                try await org.save(on: t.db)
            })
            #expect(try await raises {
                let skill = SkillRecord()
                skill.id = "http://data.europa.eu/esco/skill/walrus-counting"
                skill.label = "walrus counting"
                skill.kind = Skill.Kind.skill.rawValue
                skill.altLabels = ""
                skill.description = ""
                try await skill.create(on: t.db)
            })

            #expect(try await !raises { _ = try await EngagementActivity.post("Hello", engagementID: try engagement.requireID(), by: engagement.$candidate.id, at: t.clock.now, on: t.db) })
            #expect(try await !raises { _ = try await Accounts.createSession(userID: engagement.$candidate.id, lifetime: 60, at: t.clock.now, on: t.db) })
            struct Undo: Error {}
            #expect(try await !raises {
                try? await t.db.transaction { tx in
                    try await ProjectBriefs.setState(created, to: .closed, at: t.clock.now, on: tx)
                    throw Undo()
                }
            })
        }
    }
}
