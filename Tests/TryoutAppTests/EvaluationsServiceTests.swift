import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Final evaluations and exit surveys, run as pages and the API run them: no request.
@Suite("Evaluations service")
struct EvaluationsServiceTests {
    private let manager = "hiring_manager@acme.test", candidate = "ada@uni.test"

    private func draft(_ score: Int?, reason: String = "") -> FinalEvaluationDraft {
        FinalEvaluationDraft(overallScore: score, reason: reason, recommendation: "yes", satisfaction: 4, summary: "Clear work, well explained.")
    }

    private let answers: [String: Int?] = ["clarity": 4, "mentor": 5, "fairness": 4, "workload": 3, "recommend": 5]

    @Test("once completed the manager records the evaluation against the scorecards' result; the candidate reads it without the judgement")
    func evaluation() async throws {
        try await withTestApp { t in
            let id = EngagementID(try await Factory(t).engagement().requireID())
            let (early, earlyContext) = try await t.participant(id, as: manager)
            await #expect(throws: ActionError.conflict("The final evaluation is recorded once the engagement has completed.")) {
                try await EvaluationsService.evaluate(draft(50), in: early, earlyContext)
            }
        }
        try await withTestApp { t in
            let id = try await t.completedEngagement()
            let (hana, context) = try await t.participant(id, as: manager)
            let sheet = try await EvaluationsService.sheet(in: hana, context)
            #expect(sheet.computedScore == 67 && sheet.mayEvaluate && sheet.evaluation == nil)
            #expect(sheet.signals.onTimeRate == 1 && sheet.signals.versionsPerDeliverable == 1)
            await #expect(throws: ValidationFailure.self) { try await EvaluationsService.evaluate(draft(80), in: hana, context) }
            try await EvaluationsService.evaluate(draft(67), in: hana, context)
            try await EvaluationsService.evaluate(draft(80, reason: "The memo carried the project."), in: hana, context)
            let saved = try #require(try await Evaluations.evaluation(of: id.uuid, on: t.db))
            #expect(saved.overallScore == 80 && saved.computedScore == 67 && saved.recommendation == .yes)
            // Told once, not on every change.
            #expect(try await Outbox.messages(to: candidate, on: t.db).filter { $0.subject.hasSuffix("your final evaluation") }.count == 1)

            let (ada, adaContext) = try await t.participant(id, as: candidate)
            let read = try await EvaluationsService.sheet(in: ada, adaContext)
            #expect(read.evaluation?.summary == "Clear work, well explained." && !read.showsJudgement && !read.mayEvaluate && read.mayAnswerSurvey)
            await #expect(throws: ActionError.forbidden(EngagementError.notYours.description)) {
                try await EvaluationsService.evaluate(draft(90, reason: "Mine."), in: ada, adaContext)
            }
            try await Factory(t).organization("Globex")
            await #expect(throws: ActionError.notFound) { _ = try await t.participant(id, as: "owner@globex.test") }
            #expect(try await AuditLog.recent(limit: 50, on: t.db).map(\.action).filter { $0 == .finalEvaluationRecorded }.count == 2)
        }
    }

    @Test("the candidate answers the exit survey once; the organization reads averages only from three answers, and so does the marketplace")
    func surveys() async throws {
        try await withTestApp { t in
            let id = try await t.completedEngagement()
            let (hana, hanaContext) = try await t.participant(id, as: manager)
            await #expect(throws: ActionError.forbidden("Only the candidate answers the exit survey.")) {
                try await EvaluationsService.answerSurvey(try ExitSurveyInput(ratings: answers, comment: ""), in: hana, hanaContext)
            }
            let (ada, adaContext) = try await t.participant(id, as: candidate)
            try await EvaluationsService.answerSurvey(try ExitSurveyInput(ratings: answers, comment: "Great mentor."), in: ada, adaContext)
            await #expect(throws: ActionError.conflict("You have answered the exit survey already.")) {
                try await EvaluationsService.answerSurvey(try ExitSurveyInput(ratings: answers, comment: ""), in: ada, adaContext)
            }
            let owner = try await t.context(as: "owner@acme.test")
            let one = try await EvaluationsService.surveys(slug: "acme", owner)
            #expect(one.responses == 1 && one.overall == nil && one.projects.isEmpty)
            let org = try #require(try await Organizations.find(slug: "acme", on: t.db))
            #expect(try await EvaluationsService.publicRating(organizationID: org.requireID(), on: t.db) == nil)

            // Two more candidates on other projects of Acme's, their engagements over, answer too.
            for (email, recommend) in [("bo@uni.test", 3), ("cy@uni.test", 4)] {
                let other = try await Factory(t).engagement(in: org, candidate: email, candidateName: email)
                try await Engagements.move(other, to: .completed, at: t.clock.now, on: t.db)
                let (them, context) = try await t.participant(EngagementID(try other.requireID()), as: email)
                var theirs = answers
                theirs["recommend"] = recommend
                try await EvaluationsService.answerSurvey(try ExitSurveyInput(ratings: theirs, comment: ""), in: them, context)
            }
            let three = try await EvaluationsService.surveys(slug: "acme", owner)
            #expect(three.responses == 3 && three.overall?.recommendation == 4 && three.projects.isEmpty)
            #expect(try await EvaluationsService.publicRating(organizationID: org.requireID(), on: t.db)?.responses == 3)
            await #expect(throws: ActionError.notFound) { _ = try await EvaluationsService.surveys(slug: "acme", try await t.context(as: "reviewer@acme.test")) }
            await #expect(throws: ActionError.notFound) { _ = try await EvaluationsService.surveys(slug: "acme", try await t.context(as: candidate)) }
        }
    }
}
