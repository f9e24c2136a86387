import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Organization settings")
struct OrganizationSettingsTests {
    @Test("owners and admins set the pay floor, which the lint then applies; others get 404")
    func payFloor() async throws {
        try await withTestApp { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
            try await Factory(t).organization("Rival")
            var brief = BriefTemplates.all[0].brief
            brief.estimatedHours = 20
            brief.pay = Money(amountMinor: 20 * 18_00, currency: "USD")
            let project = try await ProjectBriefs.create(organizationID: acme.requireID(), brief: brief, audience: ProjectAudience(),
                                                         at: t.clock.now, on: t.db)

            for email in ["hiring_manager@acme.test", "reviewer@acme.test", "owner@rival.test"] {
                try await t.signIn(email)
                try await t.get("/settings")
                #expect(try await t.get("/orgs/acme/settings").status == .notFound, "\(email)")
                #expect(try await t.post("/orgs/acme/settings", ["payFloor": "50", "payFloorCurrency": "USD"]).status == .notFound)
            }
            #expect(try await Organizations.find(slug: "acme", on: t.db)?.payFloor == nil)

            try await t.signIn("admin@acme.test")
            #expect(try await t.get("/orgs/acme/settings").status == .ok)
            let refused = try await t.post("/orgs/acme/settings", ["payFloor": "9", "payFloorCurrency": "USD"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("can be raised, not lowered"))
            let saved = try await t.post("/orgs/acme/settings", ["description": "Maps & more", "payFloor": "20",
                                                                 "payFloorCurrency": "USD"])
            #expect(saved.status == .seeOther)
            let page = try await t.get("/orgs/acme/settings").body.string
            #expect(page.contains(#"value="20.00""#) && page.contains("Maps &amp; more"))
            #expect(try await AuditEventRecord.query(on: t.db).filter(\.$action == .settingsChanged).count() == 1)
            #expect(try await Organizations.find(slug: "acme", on: t.db)?.showReviewerScores == false)
            try await t.post("/orgs/acme/settings", ["description": "Maps & more", "payFloor": "20", "payFloorCurrency": "USD",
                                                     "showReviewerScores": "on"])
            #expect(try await Organizations.find(slug: "acme", on: t.db)?.showReviewerScores == true)
            #expect(try await t.get("/orgs/acme/settings").body.string.contains(#"name="showReviewerScores" checked"#))

            // USD 18.00 an hour was publishable; under the organization's floor of 20 it is not.
            try await t.signIn("hiring_manager@acme.test")
            try await t.get("/projects/\(project.id!)")
            try await t.post("/projects/\(project.id!)/publish")
            #expect(try await t.get("/projects/\(project.id!)").body.string.contains("below the floor of USD 20.00"))
            #expect(try await ProjectRecord.find(project.id, on: t.db)?.state == .draft)
        }
    }
}
