import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Calibration pages and API")
struct CalibrationTests {
    /// Acme's engagement with one version scored by its reviewer (1, 3, 4), asked two hours
    /// before, and its admin (3, 3, 2), who was not asked.
    private func scored(_ t: TestApp) async throws -> ProjectID {
        let engagement = try await Factory(t).engagement()
        let milestone = try #require(try await Engagements.milestones(of: try engagement.requireID(), on: t.db).first)
        let version = try await Submissions.submit(try SubmissionInput(note: "", links: ["https://example.org/memo"], fileCount: 0),
                                                   files: [], to: milestone, at: t.clock.now, on: t.db)
        for (email, levels, asked) in [("reviewer@acme.test", [1, 3, 4], t.clock.now.addingTimeInterval(-7200)), ("admin@acme.test", [3, 3, 2], nil)] {
            let reviewer = try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db))
            _ = try await Reviews.saveScorecard(Scorecard(levels: levels, comments: ["", "", ""], note: ""), weightedScore: 0,
                                                by: try reviewer.requireID(), for: version, engagement: engagement, assignedAt: asked,
                                                at: t.clock.now, on: t.db)
        }
        return ProjectID(engagement.$project.id)
    }

    @Test("owners and admins read the table and the chart; the reviewer, the manager and another organization get 404")
    func pages() async throws {
        try await withTestApp { t in
            let projectID = try await scored(t)
            try await t.signIn("owner@acme.test")
            let page = try await t.get("/orgs/acme/calibration")
            #expect(page.status == .ok && page.body.string.contains("Units scored by two or more</dt><dd>3</dd>"))
            #expect(page.body.string.contains("Not enough data") && page.body.string.contains("<svg"))
            #expect(page.body.string.contains("aria-labelledby=\"offsets-title offsets-desc\""))
            #expect(try await t.get("/projects/\(projectID)/calibration").status == .ok)
            try await Factory(t).organization("Globex")
            for outsider in ["reviewer@acme.test", "hiring_manager@acme.test", "owner@globex.test"] {
                try await t.signOut()
                try await t.signIn(outsider)
                #expect(try await t.get("/orgs/acme/calibration").status == .notFound)
                #expect(try await t.get("/projects/\(projectID)/calibration").status == .notFound)
            }
        }
    }

    @Test("the API returns alpha, offsets and every rating, so the figures can be recomputed")
    func api() async throws {
        try await withTestApp { t in
            let projectID = try await scored(t)
            let owner = try await t.token(for: "owner@acme.test")
            let response = try await t.api(.GET, "/api/v1/projects/\(projectID)/calibration", token: owner)
            #expect(response.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            let ratings = try #require(json["ratings"] as? [[String: Any]])
            #expect(ratings.count == 6 && json["units"] as? Int == 3 && json["flags"] as? [String] == ["not_enough_data"])
            let levels = ratings.compactMap { $0["level"] as? Int }.sorted()
            #expect(levels == [1, 2, 3, 3, 3, 4])
            let offsets = try #require(json["offsets"] as? [[String: Any]])
            #expect(offsets.count == 2)
            // Each reviewer's turnaround: two hours for the one asked, none for the one who was not.
            #expect(offsets.compactMap { $0["medianTurnaroundSeconds"] as? Int } == [7200])
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/calibration", token: owner).status == .ok)
            let reviewer = try await t.token(for: "reviewer@acme.test")
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/calibration", token: reviewer).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/projects/\(projectID)/calibration", token: nil).status == .unauthorized)
        }
    }
}
