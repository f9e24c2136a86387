import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for final evaluations, exit surveys and an organization's surveys in aggregate: the
/// same service and the same rules as the pages.
struct EvaluationsAPIController: RouteCollection {
    private typealias Route = SiteURL.Evaluations

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(Route.api(.evaluation(.key)), use: show)
        api.on(.PUT, Route.api(.evaluation(.key)), use: evaluate)
        api.post(Route.api(.survey(.key)), use: answer)
        api.get(Route.api(.surveys(.key)), use: surveys)
    }

    private func sheet(_ engagement: EngagementRequest) async throws -> DTO.Evaluation {
        DTO.Evaluation(try await EvaluationsService.sheet(in: engagement.participant, engagement.context))
    }

    func show(req: Request) async throws -> DTO.Evaluation {
        try await sheet(try await EngagementRequest.load(req))
    }

    func evaluate(req: Request) async throws -> DTO.Evaluation {
        let engagement = try await EngagementRequest.load(req)
        // Someone who may not evaluate is refused before the body is judged.
        try engagement.participant.require(.giveFeedback)
        let body = try req.decodeJSON(DTO.EvaluationInput.self)
        try await EvaluationsService.evaluate(FinalEvaluationDraft(overallScore: body.overallScore, reason: body.reason ?? "",
                                                                   recommendation: body.recommendation, satisfaction: body.satisfaction,
                                                                   summary: body.summary), in: engagement.participant, engagement.context)
        return try await sheet(engagement)
    }

    func answer(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        _ = try await EvaluationsService.sheet(in: engagement.participant, engagement.context)
        let body = try req.decodeJSON(DTO.SurveyInput.self)
        let ratings: [String: Int?] = ["clarity": body.clarity, "mentor": body.mentor, "fairness": body.fairness,
                                       "workload": body.workload, "recommend": body.recommend]
        try await EvaluationsService.answerSurvey(try ExitSurveyInput(ratings: ratings, comment: body.comment ?? ""),
                                                  in: engagement.participant, engagement.context)
        return try await sheet(engagement).created(at: "engagements", engagement.id.uuid, "evaluation", for: req)
    }

    func surveys(req: Request) async throws -> DTO.Surveys {
        DTO.Surveys(try await EvaluationsService.surveys(slug: req.parameters.get("slug") ?? "", try await req.signedInContext()))
    }
}

extension DTO {
    /// An engagement's final evaluation as the caller may read it: the candidate gets the result
    /// and the summary, never the recommendation or the satisfaction.
    struct Evaluation: Content {
        struct Signals: Content {
            var onTimeRate: Double?
            var versionsPerDeliverable: Double?
            var hoursLogged: Double
            var hoursEstimated: Int
            var medianHoursToAnswerFeedback: Double?
        }

        var engagementID: UUID
        var computedScore: Int?
        var signals: Signals
        var recorded: Bool
        var overallScore: Int?
        var reason: String?
        var summary: String?
        var recommendation: HireRecommendation?
        var satisfaction: Int?
        var updatedAt: Date?
        var mayEvaluate: Bool
        var surveyAnswered: Bool?
        var mayAnswerSurvey: Bool

        init(_ sheet: EvaluationSheet) {
            engagementID = sheet.engagement.id!
            computedScore = sheet.computedScore
            let s = sheet.signals
            signals = Signals(onTimeRate: s.onTimeRate, versionsPerDeliverable: s.versionsPerDeliverable, hoursLogged: s.hoursLogged,
                              hoursEstimated: s.hoursEstimated, medianHoursToAnswerFeedback: s.medianHoursToAnswerFeedback)
            let evaluation = sheet.evaluation
            recorded = evaluation != nil
            overallScore = evaluation?.overallScore
            reason = evaluation?.reason
            summary = evaluation?.summary
            recommendation = sheet.showsJudgement ? evaluation?.recommendation : nil
            satisfaction = sheet.showsJudgement ? evaluation?.satisfaction : nil
            updatedAt = evaluation?.updatedAt
            mayEvaluate = sheet.mayEvaluate
            surveyAnswered = sheet.role == .candidate ? sheet.survey != nil : nil
            mayAnswerSurvey = sheet.mayAnswerSurvey
        }
    }

    struct EvaluationInput: Decodable {
        var overallScore: Int?
        var reason: String?
        var recommendation: String
        var satisfaction: Int?
        var summary: String
    }

    struct SurveyInput: Decodable {
        var clarity: Int?
        var mentor: Int?
        var fairness: Int?
        var workload: Int?
        var recommend: Int?
        var comment: String?
    }

    /// An organization's exit surveys: averages only, from enough answers.
    struct Surveys: Content {
        struct Summary: Content {
            var responses: Int
            /// Averages from 1 to 5, by question: clarity, mentor, fairness, workload, recommend.
            var means: [String: Double]

            init(_ summary: SurveySummary) {
                responses = summary.responses
                means = Dictionary(uniqueKeysWithValues: zip(ExitSurveyInput.questions.map(\.key), summary.means))
            }
        }

        struct Project: Content {
            var projectID: UUID
            var title: String
            var summary: Summary
        }

        var minimumResponses: Int
        var responses: Int
        var overall: Summary?
        var projects: [Project]

        init(_ report: SurveyReport) {
            minimumResponses = SurveySummary.minimumResponses
            responses = report.responses
            overall = report.overall.map(Summary.init)
            projects = report.projects.map { Project(projectID: $0.id.uuid, title: $0.title, summary: Summary($0.summary)) }
        }
    }
}
