import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// Acme's engagement with Ada, every deliverable handed in and accepted through the pages with the
/// manager's scorecard at level 3: completed.
func completedEngagement(_ t: TestApp) async throws -> UUID {
    let engagement = try await Factory(t).engagement()
    let id = try engagement.requireID()
    try await startWork(t, engagement)
    for milestone in try await Engagements.milestones(of: id, on: t.db) {
        let milestoneID = try milestone.requireID()
        try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestoneID)")
        #expect(try await t.upload("/engagements/\(id)/milestones/\(milestoneID)/submissions", fields: [("links.0", "https://example.org/w")],
                                   files: []).status == .seeOther)
        let version = try #require(try await Submissions.latest(of: milestoneID, on: t.db)).requireID()
        try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(milestoneID)")
        #expect(try await t.post("/engagements/\(id)/submissions/\(version)/feedback", decided("accept", "Good.")).status == .seeOther)
    }
    #expect(try await state(t, engagement) == .completed)
    return id
}

@Suite("Final evaluation pages")
struct EvaluationsWebTests {
    @Test("the manager records the evaluation from the overview's link; the candidate reads it and answers the survey once")
    func evaluationAndSurvey() async throws {
        try await withTestApp { t in
            let id = try await completedEngagement(t)
            let page = "/engagements/\(id)/evaluation"
            let overview = try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)")
            #expect(overview.body.string.contains(page.lowercased()))
            let form = try await t.get(page)
            #expect(form.status == .ok && form.body.string.contains("The accepted versions' scorecards give 67"))
            #expect(try await t.post(page, ["overallScore": "67", "recommendation": "yes", "satisfaction": "4", "summary": "Clear."], csrf: "").status == .forbidden)
            let refused = try await t.post(page, ["overallScore": "90", "recommendation": "yes", "satisfaction": "4", "summary": "Clear."])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Say why the overall result differs from the 67"))
            #expect(try await t.post(page, ["overallScore": "90", "reason": "The memo.", "recommendation": "strong_yes", "satisfaction": "5",
                                            "summary": "Clear and complete."]).status == .seeOther)
            #expect(try await t.get(page).body.string.contains("Hire recommendation: Strong yes"))

            let read = try await visit(t, as: "ada@uni.test", page)
            #expect(read.body.string.contains("Clear and complete.") && read.body.string.contains("Overall result: 90 out of 100"))
            #expect(!read.body.string.contains("Strong yes") && read.body.string.contains("Send the survey"))
            let missing = try await t.post("/engagements/\(id)/survey", ["clarity": "4"])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("Rate “How good was the mentoring?” from 1 to 5."))
            let survey = ["clarity": "4", "mentor": "5", "fairness": "4", "workload": "3", "recommend": "5", "comment": "Thanks."]
            #expect(try await t.post("/engagements/\(id)/survey", survey).status == .seeOther)
            #expect(try await t.get(page).body.string.contains("Thank you: your exit survey is in."))
            #expect(try await t.post("/engagements/\(id)/survey", survey).status == .seeOther)
            #expect(try await ExitSurveyRecord.query(on: t.db).count() == 1)

            // The organization sees the surveys only in aggregate, and not below three answers.
            let surveys = try await visit(t, as: "owner@acme.test", "/orgs/acme/surveys")
            #expect(surveys.status == .ok && surveys.body.string.contains("Not enough answers yet") && !surveys.body.string.contains("Thanks."))
            try await Factory(t).organization("Globex")
            #expect(try await visit(t, as: "owner@globex.test", "/orgs/acme/surveys").status == .notFound)
            #expect(try await t.get(page).status == .notFound)
        }
    }

    @Test("over the API: the candidate reads no judgement, answers once (201), and the organization's aggregate is empty below three")
    func api() async throws {
        try await withTestApp { t in
            let id = try await completedEngagement(t)
            let hana = try await t.token(for: "hiring_manager@acme.test"), ada = try await t.token(for: "ada@uni.test")
            let path = "/api/v1/engagements/\(id)/evaluation"
            let bad = try await t.api(.PUT, path, token: hana, json: #"{"overallScore":101,"recommendation":"maybe","summary":""}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("overallScore") && bad.body.string.contains("satisfaction"))
            #expect(try await t.api(.PUT, path, token: ada, json: #"{"overallScore":67,"recommendation":"yes","satisfaction":4,"summary":"Mine."}"#).status == .forbidden)
            let saved = try await t.api(.PUT, path, token: hana, json: #"{"overallScore":67,"recommendation":"no","satisfaction":2,"summary":"Late."}"#)
            #expect(saved.status == .ok && saved.body.string.contains(#""recommendation":"no""#))
            let read = try await t.api(.GET, path, token: ada)
            #expect(read.body.string.contains(#""summary":"Late.""#) && !read.body.string.contains(#""recommendation""#))
            let survey = #"{"clarity":4,"mentor":5,"fairness":4,"workload":3,"recommend":5}"#
            let answered = try await t.api(.POST, "/api/v1/engagements/\(id)/survey", token: ada, json: survey)
            #expect(answered.status == .created && answered.body.string.contains(#""surveyAnswered":true"#))
            #expect(try await t.api(.POST, "/api/v1/engagements/\(id)/survey", token: ada, json: survey).status == .conflict)
            let owner = try await t.token(for: "owner@acme.test")
            let aggregate = try await t.api(.GET, "/api/v1/organizations/acme/surveys", token: owner)
            #expect(aggregate.status == .ok && aggregate.body.string.contains(#""responses":1"#) && !aggregate.body.string.contains(#""overall":{"#))
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/surveys", token: ada).status == .notFound)
        }
    }

    @Test("the marketplace shows past candidates' recommendation on the organization's and its projects' pages, from three surveys")
    func publicRating() async throws {
        try await withTestApp { t in
            let first = try await Factory(t).engagement()
            let org = try #require(try await OrganizationRecord.find(first.$organization.id, on: t.db))
            var engagements = [first]
            for email in ["bo@uni.test", "cy@uni.test"] { engagements.append(try await Factory(t).engagement(in: org, candidate: email, candidateName: email)) }
            for (engagement, recommend) in zip(engagements, [5, 4, 3]) {
                let ratings: [String: Int?] = ["clarity": 4, "mentor": 4, "fairness": 4, "workload": 4, "recommend": recommend]
                try await Evaluations.saveSurvey(try ExitSurveyInput(ratings: ratings, comment: ""), of: engagement, at: t.clock.now, on: t.db)
                if engagement.id == engagements[1].id {
                    #expect(!(try await t.get("/orgs/acme").body.string.contains("Would recommend")), "shown from two surveys")
                }
            }
            let sentence = "Would recommend this employer: 4.0 out of 5, from 3 exit surveys"
            #expect(try await t.get("/orgs/acme").body.string.contains(sentence))
            #expect(try await t.get("/projects/\(first.$project.id)").body.string.contains(sentence))
        }
    }
}
