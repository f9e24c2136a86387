import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// Acme's engagement with Ada, work started, version 1 of the first deliverable handed in and
/// sent back for changes by Hana; a platform admin exists.
private struct DisputeWorld {
    let engagementID: UUID
    let submissionID: UUID

    static let platformAdmin = "staff@tryout.test"

    static func make(_ t: TestApp) async throws -> DisputeWorld {
        let engagement = try await Factory(t).engagement()
        let id = try engagement.requireID()
        try await Factory(t).user(platformAdmin, admin: true)
        try await startWork(t, engagement)
        let (milestone, version) = try await handInFirstVersion(t, id)
        let submission = try version.requireID()
        try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(milestone)")
        #expect(try await t.post("/engagements/\(id)/submissions/\(submission)/feedback", decided("request_changes", "Redo it.", level: "1")).status == .seeOther)
        return DisputeWorld(engagementID: id, submissionID: submission)
    }

    /// Links spell ids in lower case.
    var list: String { "/engagements/\(engagementID.uuidString.lowercased())/disputes" }

    func opened(_ t: TestApp) async throws -> DisputeRecord {
        try #require(try await Disputes.of(engagementID: engagementID, on: t.db).first)
    }
}

@Suite("Dispute pages")
struct DisputesWebTests {
    @Test("the candidate opens a dispute with evidence, the employer answers, a platform admin overturns it from the desk")
    func wholeDispute() async throws {
        try await withTestApp { t in
            let world = try await DisputeWorld.make(t)
            let overview = try await visit(t, as: "ada@uni.test", "/engagements/\(world.engagementID)")
            #expect(overview.body.string.contains(world.list))
            let list = try await t.get(world.list)
            #expect(list.status == .ok && list.body.string.contains("Version 1 of"))
            let form = ["subject": "version_decision", "submissionID": world.submissionID.uuidString, "statement": "It meets every criterion.",
                        "evidence[]": "version.\(world.submissionID.uuidString)"]
            #expect(try await t.post(world.list, form, csrf: "").status == .forbidden)
            let opened = try await t.post(world.list, form)
            let dispute = try await world.opened(t)
            let page = "/disputes/\(dispute.id!.uuidString.lowercased())"
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == page)
            #expect(dispute.evidence == [DisputeEvidence(kind: .version, id: world.submissionID)])

            let answerPage = try await visit(t, as: "hiring_manager@acme.test", "/disputes/\(dispute.id!)")
            #expect(answerPage.body.string.contains("It meets every criterion.") && answerPage.body.string.contains("Send the answer"))
            #expect(try await t.post("/disputes/\(dispute.id!)/answer", ["answer": "The table is missing."]).status == .seeOther)

            let desk = try await visit(t, as: DisputeWorld.platformAdmin, "/admin/disputes")
            #expect(desk.status == .ok && desk.body.string.contains(page))
            let refused = try await t.post("/disputes/\(dispute.id!)/decision", ["outcome": "partial", "note": "Half."])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Give the share of the deliverable"))
            #expect(try await t.post("/disputes/\(dispute.id!)/decision", ["outcome": "overturned", "note": "It meets the rubric."]).status == .seeOther)
            #expect(try await SubmissionRecord.find(world.submissionID, on: t.db)?.state == .accepted)

            let result = try await visit(t, as: "ada@uni.test", "/disputes/\(dispute.id!)")
            #expect(result.body.string.contains("Overturned: the version is accepted") && result.body.string.contains("It meets the rubric."))
            #expect(!result.body.string.contains("Send the answer") && !result.body.string.contains("Withdraw the dispute"))
        }
    }

    @Test("a refused dispute comes back with its problems; another organization and the desk for non-admins are not found")
    func refusalsAndAuthorization() async throws {
        try await withTestApp { t in
            let world = try await DisputeWorld.make(t)
            try await visit(t, as: "ada@uni.test", world.list)
            let empty = try await t.post(world.list, ["subject": "version_decision", "statement": " "])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("The statement is required.")
                    && empty.body.string.contains("Choose the version the dispute is about."))
            let ending = try await t.post(world.list, ["subject": "early_ending", "statement": "Unfair."])
            #expect(ending.status == .unprocessableEntity && ending.body.string.contains(DisputeError.notDisputable(.earlyEnding).description))
            #expect(try await t.post(world.list, ["subject": "amount_owed", "statement": "Pay the first part."]).status == .seeOther)
            let dispute = try await world.opened(t)

            try await Factory(t).organization("Globex")
            for path in [world.list, "/disputes/\(dispute.id!)", "/admin/disputes"] {
                #expect(try await visit(t, as: "owner@globex.test", path).status == .notFound)
            }
            try await visit(t, as: "hiring_manager@acme.test", "/disputes/\(dispute.id!)")
            #expect(try await t.post("/disputes/\(dispute.id!)/decision", ["outcome": "upheld", "note": "Mine."]).status == .notFound)
            #expect(try await visit(t, as: "hiring_manager@acme.test", "/admin/disputes").status == .notFound)
            #expect(try await Disputes.find(dispute.id!, on: t.db)?.state == .awaitingResponse)
        }
    }
}
