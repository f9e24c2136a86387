import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Disputes from every side: an engagement's disputes with the form to open one and its refusal,
/// a dispute as the candidate, the employer answering and a platform admin deciding sees it, the
/// admins' desk, and a decided dispute.
@Suite("Dispute PageSnapshots")
struct DisputePageSnapshots {
    static let candidate = "ada@uni.test", manager = "hiring_manager@acme.test", platformAdmin = "staff@tryout.test"

    @Test func disputes() async throws {
        try await withTestApp { t in
            let camera = PageCamera(t)
            let engagement = try await Factory(t).engagement()
            try await SnapshotWorld.staggerMembers(t)
            try await Factory(t).user(Self.platformAdmin, name: "Sam Staff", admin: true)
            let id = try engagement.requireID()
            try await startWork(t, engagement)
            t.clock.advance(by: 60)
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            let base = "/engagements/\(id)/milestones/\(milestone)"
            try await visit(t, as: Self.candidate, base)
            #expect(try await t.upload("\(base)/submissions", fields: [("note", "First cut"), ("links.0", "https://example.org/memo")], files: []).status == .seeOther)
            let version = try #require(try await Submissions.latest(of: milestone, on: t.db)).requireID()
            t.clock.advance(by: 60)
            try await visit(t, as: Self.manager, base)
            #expect(try await t.post("/engagements/\(id)/submissions/\(version)/feedback", decided("request_changes", "Redo the table.", level: "1")).status == .seeOther)
            camera.forget()
            t.clock.advance(by: 60)

            let list = "/engagements/\(id)/disputes"
            try await camera.snap(list, as: Self.candidate, named: "engagement-none")
            let refused = try await camera.post(list, ["subject": "version_decision", "statement": ""], as: Self.candidate, from: list)
            camera.record(refused, named: "open-refused", status: .unprocessableEntity)
            try await camera.post(list, ["subject": "version_decision", "submissionID": version.uuidString, "statement": "The table is in the notebook.",
                                         "evidence[]": "version.\(version.uuidString)"], as: Self.candidate, from: list)
            let dispute = try #require(try await Disputes.of(engagementID: id, on: t.db).first).requireID()
            t.clock.advance(by: 60)
            try await camera.snap(list, as: Self.candidate, named: "engagement-one")
            try await camera.snap("/disputes/\(dispute)", as: Self.candidate, named: "dispute-candidate")
            try await camera.snap("/disputes/\(dispute)", as: Self.manager, named: "dispute-to-answer")
            try await camera.post("/disputes/\(dispute)/answer", ["answer": "The notebook has a chart, not the table."], as: Self.manager,
                                  from: "/disputes/\(dispute)")
            t.clock.advance(by: 3600)
            try await camera.snap("/admin/disputes", as: Self.platformAdmin, named: "desk")
            try await camera.snap("/disputes/\(dispute)", as: Self.platformAdmin, named: "dispute-to-decide")
            try await camera.post("/disputes/\(dispute)/decision", ["outcome": "upheld", "note": "The brief asks for the table."],
                                  as: Self.platformAdmin, from: "/disputes/\(dispute)")
            t.clock.advance(by: 60)
            try await camera.snap("/disputes/\(dispute)", as: Self.candidate, named: "dispute-decided")
            try await camera.snap("/admin/disputes", as: Self.platformAdmin, named: "desk-empty")
        }
    }
}
