import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// Acme's engagement with Ada, work started, two reviewers chosen on the project's settings page
/// (blind unless `blind` is false), and version 1 of the first deliverable handed in with a file.
private struct ReviewWorld {
    let engagementID: UUID
    let projectID: UUID
    let milestoneID: UUID
    let submission: SubmissionRecord
    let handle: String

    static let reviewers = ["reviewer@acme.test", "rita@acme.test"]

    static func make(_ t: TestApp, panelSize: Int = 2, blind: Bool = true, reviewers: [String] = ReviewWorld.reviewers) async throws -> ReviewWorld {
        let engagement = try await Factory(t).engagement()
        let id = try engagement.requireID()
        let rita = try await Factory(t).user("rita@acme.test", name: "Rita Reviewer")
        try await Organizations.addMember(orgID: engagement.$organization.id, userID: try rita.requireID(), role: .reviewer, at: t.clock.now, on: t.db)
        var chosen: [UUID] = []
        for email in reviewers { chosen.append(try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db)).requireID()) }
        try await visit(t, as: "owner@acme.test", "/projects/\(engagement.$project.id)/reviews")
        let saved = try await postSettings(t, engagement.$project.id, panelSize: String(panelSize), blind: blind, reviewers: chosen)
        #expect(saved.status == .seeOther)
        try await startWork(t, engagement)
        let (milestone, submission) = try await handInFirstVersion(t, id)
        let application = try #require(try await ApplicationRecord.find(engagement.$application.id, on: t.db))
        return ReviewWorld(engagementID: id, projectID: engagement.$project.id, milestoneID: milestone, submission: submission, handle: application.handle)
    }

    var review: String { "/reviews/\(submission.id!)" }
    var milestonePage: String { "/engagements/\(engagementID)/milestones/\(milestoneID)" }
}

/// Posts the review settings form as a browser does: one `reviewers[]` per ticked box.
@discardableResult
private func postSettings(_ t: TestApp, _ projectID: UUID, panelSize: String = "2", autoAcceptDays: String = "14", blind: Bool = true,
                          reviewers: [UUID], csrf: Bool = true) async throws -> TestingHTTPResponse {
    var pairs = [("panelSize", panelSize), ("rotation", "fixed"), ("autoAcceptDays", autoAcceptDays)] + reviewers.map { ("reviewers[]", $0.uuidString) }
    if blind { pairs.append(("blind", "on")) }
    if csrf, let token = t.csrf { pairs.append(("_csrf", token)) }
    var headers = HTTPHeaders()
    headers.contentType = .urlEncodedForm
    let body = pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")=\($0.1)" }.joined(separator: "&")
    return try await t.send(.POST, "/projects/\(projectID)/reviews", headers: headers, body: ByteBuffer(string: body))
}

private func scorecard(_ levels: [String], comment: String) -> [String: String] {
    var form = ["note": "\(comment) note"]
    for (index, level) in levels.enumerated() {
        form["levels.\(index)"] = level
        form["comments.\(index)"] = "\(comment) on \(index)"
    }
    return form
}

@Suite("Review pages")
struct ReviewsWebTests {
    @Test("each reviewer scores without seeing the other's scorecard first; the manager decides seeing both; the candidate reads the result without names")
    func independence() async throws {
        try await withTestApp { t in
            let world = try await ReviewWorld.make(t)

            let first = try await visit(t, as: "reviewer@acme.test", world.review)
            #expect(first.status == .ok && first.body.string.contains("Hand in my scorecard") && first.body.string.contains("0 of 2 reviewers have scored"))
            #expect(try await t.post(world.review, scorecard(["3", "3", "2"], comment: "First"), csrf: "").status == .forbidden)
            #expect(try await t.post(world.review, scorecard(["3", "3", "2"], comment: "First")).status == .seeOther)
            let mine = try await t.get(world.review)
            #expect(mine.body.string.contains("First on 0") && mine.body.string.contains("1 of 2 reviewers have scored"))
            #expect(!mine.body.string.contains("Hand in my scorecard"))

            // The second reviewer sees neither the first's levels nor words until theirs is in.
            let second = try await visit(t, as: "rita@acme.test", world.review)
            #expect(second.body.string.contains("Hand in my scorecard") && !second.body.string.contains("First on 0")
                    && !second.body.string.contains("reviewer@acme.test:"))
            let missing = try await t.post(world.review, scorecard(["4", "", "2"], comment: "Second"))
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains(#"id="field-levels.1-error""#)
                    && missing.body.string.contains(#"aria-describedby="field-levels.1-error""#) && missing.body.string.contains(#"id="error-summary""#))
            #expect(!missing.body.string.contains("First on 0"))
            #expect(try await t.post(world.review, scorecard(["4", "2", "2"], comment: "Second")).status == .seeOther)
            let both = try await t.get(world.review)
            #expect(both.body.string.contains("First on 0") && both.body.string.contains("Second on 0") && both.body.string.contains("2 of 2 reviewers have scored"))

            // The manager need not score: the panel is on the deliverable's page with the decision.
            let manager = try await visit(t, as: "hiring_manager@acme.test", world.milestonePage)
            #expect(manager.body.string.contains("First on 1") && manager.body.string.contains("Second on 1") && manager.body.string.contains("Rita Reviewer"))
            #expect(!manager.body.string.contains(#"name="levels.0""#))
            let decided = try await t.post("/engagements/\(world.engagementID)/submissions/\(world.submission.id!)/feedback",
                                           ["decision": "accept", "feedback": "Clear work."])
            #expect(decided.status == .seeOther)
            #expect(try await SubmissionRecord.find(world.submission.id, on: t.db)?.state == .accepted)

            let candidate = try await visit(t, as: "ada@uni.test", world.milestonePage)
            let text = candidate.body.string
            #expect(text.contains("How version 1 was judged") && text.contains("First on 0") && text.contains("Second note"))
            #expect(!text.contains("Rita Reviewer") && !text.contains("reviewer@acme.test") && !text.contains("Each reviewer"))
        }
    }

    @Test("a manager who is also on the panel reads no other scorecard, on the review page or the deliverable's, before handing in theirs")
    func managerOnPanel() async throws {
        try await withTestApp { t in
            let world = try await ReviewWorld.make(t, reviewers: ["reviewer@acme.test", "admin@acme.test"])
            try await visit(t, as: "reviewer@acme.test", world.review)
            #expect(try await t.post(world.review, scorecard(["3", "3", "2"], comment: "First")).status == .seeOther)
            let review = try await visit(t, as: "admin@acme.test", world.review)
            #expect(review.body.string.contains("Hand in my scorecard") && !review.body.string.contains("First on 0"))
            let milestone = try await t.get(world.milestonePage)
            #expect(milestone.body.string.contains("You are on this version's panel") && !milestone.body.string.contains("First on 0"))
            try await t.get(world.review)
            #expect(try await t.post(world.review, scorecard(["3", "3", "3"], comment: "Admin")).status == .seeOther)
            #expect(try await t.get(world.milestonePage).body.string.contains("First on 0"))
        }
    }

    @Test("a manager who must score gets the rubric's levels as radio buttons, errors tied to them, and no one else's scorecard")
    func managerScores() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await startWork(t, engagement)
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestone)")
            try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions", fields: [("links.0", "https://example.com/memo")], files: [])
            let version = try #require(try await Submissions.latest(of: milestone, on: t.db)).requireID()
            let page = try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(milestone)")
            #expect(page.body.string.contains(#"type="radio" id="levels.0-1" name="levels.0" value="1""#) && page.body.string.contains("<legend>Correctness"))
            let unscored = try await t.post("/engagements/\(id)/submissions/\(version)/feedback", ["decision": "accept", "feedback": "", "comments.0": "Good"])
            #expect(unscored.status == .unprocessableEntity && unscored.body.string.contains(##"href="#field-levels.2""##)
                    && unscored.body.string.contains(">Good</textarea>"))
            #expect(try await Submissions.latest(of: milestone, on: t.db)?.state == .submitted)
            let both = try await t.post("/engagements/\(id)/submissions/\(version)/feedback", ["decision": "request_changes", "feedback": "", "levels.0": "3"])
            #expect(both.status == .unprocessableEntity && both.body.string.contains("There are 3 problems")
                    && both.body.string.contains(#"id="field-levels.1-error""#) && both.body.string.contains(#"id="field-feedback-error""#))
            #expect(try await t.post("/engagements/\(id)/submissions/\(version)/feedback", decided("accept", "")).status == .seeOther)
            #expect(try await Submissions.latest(of: milestone, on: t.db)?.state == .accepted)
            let review = try await t.get("/reviews/\(version)")
            #expect(review.status == .ok && review.body.string.contains("Weighted score (of 100)"))
        }
    }

    @Test("blind: a reviewer sees the applicant's handle, not the name; with blind off, the name")
    func blindReview() async throws {
        try await withTestApp { t in
            let world = try await ReviewWorld.make(t)
            let blind = try await visit(t, as: "reviewer@acme.test", world.review)
            #expect(blind.body.string.contains(world.handle) && !blind.body.string.contains("Ada Okafor") && blind.body.string.contains("Blind review"))
            let manager = try await visit(t, as: "hiring_manager@acme.test", world.review)
            #expect(manager.body.string.contains("Ada Okafor"))

            try await visit(t, as: "owner@acme.test", "/projects/\(world.projectID)/reviews")
            let reviewers = try await ProjectReviewerRecord.query(on: t.db).sort(\.$position).all().map(\.$user.id)
            try await postSettings(t, world.projectID, blind: false, reviewers: reviewers)
            let open = try await visit(t, as: "reviewer@acme.test", world.review)
            #expect(open.body.string.contains("Ada Okafor") && !open.body.string.contains("Blind review"))
        }
    }

    @Test("another organization's member, a member not asked, and the files of another version: 404")
    func strangers() async throws {
        try await withTestApp { t in
            let world = try await ReviewWorld.make(t, panelSize: 1)
            let file = try #require(world.submission.files.first).requireID()
            try await visit(t, as: "reviewer@acme.test", world.review)
            let download = try await t.get("\(world.review)/files/\(file)")
            #expect(download.status == .ok && download.body.readableBytes == pdfBytes.count)
            #expect(try await t.get("/reviews/\(UUID())/files/\(file)").status == .notFound)
            #expect(try await t.get("\(world.review)/files/\(UUID())").status == .notFound)
            #expect(try await t.get("/reviews").body.string.contains("Versions to score"))

            try await Factory(t).organization("Globex", roles: [.owner, .reviewer])
            for email in ["owner@globex.test", "reviewer@globex.test", "rita@acme.test"] {
                try await visit(t, as: email, "/reviews")
                #expect(try await t.get(world.review).status == .notFound, "\(email)")
                #expect(try await t.get("\(world.review)/files/\(file)").status == .notFound, "\(email)")
                #expect(try await t.post(world.review, scorecard(["3", "3", "3"], comment: "Stranger")).status == .notFound, "\(email)")
            }
            #expect(try await t.get("/projects/\(world.projectID)/reviews").status == .notFound)
        }
    }

    @Test("the settings form lists every problem tied to its field, refuses a form without its token, and saves the reviewers in order")
    func settingsForm() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let projectID = engagement.$project.id
            let page = try await visit(t, as: "owner@acme.test", "/projects/\(projectID)/reviews")
            #expect(page.status == .ok && page.body.string.contains("Reviewers, in the order they are picked"))
            let project = try await visit(t, as: "owner@acme.test", "/projects/\(projectID)")
            #expect(project.body.string.contains("/projects/\(projectID.uuidString.lowercased())/reviews"))

            let reviewer = try #require(try await Accounts.user(email: EmailAddress("reviewer@acme.test")!, on: t.db)).requireID()
            let bad = try await postSettings(t, projectID, panelSize: "9", autoAcceptDays: "1", reviewers: [UUID()])
            #expect(bad.status == .unprocessableEntity)
            for field in ["panelSize", "autoAcceptDays"] {
                #expect(bad.body.string.contains("href=\"#field-\(field)\"") && bad.body.string.contains("aria-describedby=\"field-\(field)-hint field-\(field)-error\""), "\(field)")
            }
            #expect(bad.body.string.contains(#"value="9""#))
            let stranger = try await postSettings(t, projectID, reviewers: [UUID()])
            #expect(stranger.status == .unprocessableEntity && stranger.body.string.contains(#"id="field-reviewers-error""#))

            #expect(try await postSettings(t, projectID, reviewers: [reviewer], csrf: false).status == .forbidden)
            #expect(try await ProjectReviewerRecord.query(on: t.db).count() == 0)

            #expect(try await postSettings(t, projectID, panelSize: "1", reviewers: [reviewer]).status == .seeOther)
            #expect(try await ProjectReviewerRecord.query(on: t.db).all().map(\.$user.id) == [reviewer])
            let saved = try await ProjectRecord.find(projectID, on: t.db)
            #expect(saved?.reviews.panelSize == 1 && saved?.reviews.blind == true)
            #expect(try await t.get("/projects/\(projectID)/reviews").body.string.contains(#"value="\#(reviewer.uuidString.lowercased())" checked/>"#))
        }
    }
}
