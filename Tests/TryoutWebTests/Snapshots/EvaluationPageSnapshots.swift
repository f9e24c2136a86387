import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The final evaluation from both sides (the manager's form before and after, the candidate's
/// reading with the exit survey and after answering it) and an organization's surveys page.
@Suite("Evaluation PageSnapshots")
struct EvaluationPageSnapshots {
    static let candidate = "ada@uni.test", manager = "hiring_manager@acme.test"

    @Test func evaluation() async throws {
        try await withTestApp { t in
            let camera = PageCamera(t)
            let id = try await completedEngagement(t)
            try await SnapshotWorld.staggerMembers(t)
            camera.forget()
            t.clock.advance(by: 60)
            let page = "/engagements/\(id)/evaluation"
            try await camera.snap("/engagements/\(id)", as: Self.manager, named: "overview-completed")
            try await camera.snap(page, as: Self.manager, named: "manager-before")
            let refused = try await camera.post(page, ["overallScore": "90", "recommendation": "yes"], as: Self.manager, from: page)
            camera.record(refused, named: "manager-refused", status: .unprocessableEntity)
            try await camera.post(page, ["overallScore": "67", "recommendation": "yes", "satisfaction": "4", "summary": "Clear work, well explained."],
                                  as: Self.manager, from: page)
            t.clock.advance(by: 60)
            try await camera.snap(page, as: Self.manager, named: "manager-after")
            try await camera.snap(page, as: Self.candidate, named: "candidate-survey")
            try await camera.post("/engagements/\(id)/survey", ["clarity": "4", "mentor": "5", "fairness": "4", "workload": "3", "recommend": "5"],
                                  as: Self.candidate, from: page)
            try await camera.snap(page, as: Self.candidate, named: "candidate-answered")
            try await camera.snap("/orgs/acme/surveys", as: "owner@acme.test", named: "surveys-too-few")
        }
    }
}
