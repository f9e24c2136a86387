import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Rubric reviews from every side: the project's review settings, a reviewer's queue and review
/// page before and after scoring, the manager's panel and decision, the candidate's result, and
/// the owner's calibration.
@Suite("Review PageSnapshots")
struct ReviewPageSnapshots {
    static let candidate = "ada@uni.test", manager = "hiring_manager@acme.test", reviewer = "reviewer@acme.test", admin = "admin@acme.test"

    @Test func reviews() async throws {
        try await withTestApp { t in
            let camera = PageCamera(t)
            let engagement = try await Factory(t).engagement()
            try await SnapshotWorld.staggerMembers(t)
            let id = try engagement.requireID(), projectID = engagement.$project.id
            try await camera.snap("/projects/\(projectID)/reviews", as: Self.manager, named: "settings-default")
            let project = try #require(try await ProjectRecord.find(projectID, on: t.db))
            project.reviewPanelSize = 2
            try await project.save(on: t.db)
            var reviewers: [UUID] = []
            for email in [Self.reviewer, Self.admin] { reviewers.append(try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db)).requireID()) }
            try await Reviews.setReviewers(reviewers, of: projectID, at: t.clock.now, on: t.db)
            try await camera.snap("/projects/\(projectID)/reviews", as: Self.manager, named: "settings-two-reviewers")
            try await startWork(t, engagement)
            camera.forget()
            t.clock.advance(by: 60)
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            let base = "/engagements/\(id)/milestones/\(milestone)"
            try await visit(t, as: Self.candidate, base)
            let sent = try await t.upload("\(base)/submissions", fields: [("note", "First cut of the memo"), ("links.0", "https://example.org/memo")],
                                          files: [])
            #expect(sent.status == .seeOther)
            camera.forget()
            let version = try #require(try await Submissions.latest(of: milestone, on: t.db)).requireID()
            t.clock.advance(by: 60)

            try await camera.snap("/reviews", as: Self.reviewer, named: "queue")
            try await camera.snap("/reviews/\(version)", as: Self.reviewer, named: "review-before-scoring")
            let missing = try await camera.post("/reviews/\(version)", ["levels.0": "3", "comments.0": "Sound joins"], as: Self.reviewer,
                                                from: "/reviews/\(version)")
            camera.record(missing, named: "review-missing-levels", status: .unprocessableEntity)
            try await camera.post("/reviews/\(version)", ["levels.0": "3", "levels.1": "2", "levels.2": "4", "comments.0": "Sound joins",
                                                          "note": "A good first cut."], as: Self.reviewer, from: "/reviews/\(version)")
            t.clock.advance(by: 60)
            try await camera.snap("/reviews/\(version)", as: Self.reviewer, named: "review-after-scoring")
            try await camera.post("/reviews/\(version)", ["levels.0": "4", "levels.1": "2", "levels.2": "2", "comments.1": "Pin the versions"],
                                  as: Self.admin, from: "/reviews/\(version)")
            t.clock.advance(by: 60)
            try await camera.snap(base, as: Self.manager, named: "milestone-panel")
            try await camera.post("/engagements/\(id)/submissions/\(version)/feedback", ["decision": "accept", "feedback": "Clear."],
                                  as: Self.manager, from: base)
            t.clock.advance(by: 60)
            try await camera.snap(base, as: Self.candidate, named: "milestone-result")
            try await camera.snap("/orgs/acme/calibration", as: "owner@acme.test", named: "calibration")
            try await camera.snap("/reviews/\(version)", as: Self.candidate, named: "review-candidate", status: .notFound)
        }
    }
}
