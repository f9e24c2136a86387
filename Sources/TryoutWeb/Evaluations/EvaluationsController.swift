import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The final evaluation and exit survey pages, and an organization's surveys in aggregate.
/// `EvaluationsService` decides who reads and writes what; anyone else gets a 404.
struct EvaluationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Evaluations.evaluation(.key), use: show)
        routes.post(SiteURL.Evaluations.evaluation(.key), use: evaluate)
        routes.post(SiteURL.Evaluations.survey(.key), use: answer)
        routes.get(SiteURL.Evaluations.surveys(.key), use: surveys)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, try await EngagementRequest.load(req))
    }

    private func render(_ req: Request, _ engagement: EngagementRequest, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let sheet = try await EvaluationsService.sheet(in: engagement.participant, engagement.context)
        return try await req.render("Final evaluation", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    EvaluationPage(model: EvaluationViewModel(sheet), csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func evaluate(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let form = try req.content.decode([String: String].self)
        let draft = FinalEvaluationDraft(overallScore: Int(form["overallScore"] ?? ""), reason: form["reason"] ?? "",
                                         recommendation: form["recommendation"] ?? "", satisfaction: Int(form["satisfaction"] ?? ""),
                                         summary: form["summary"] ?? "")
        return try await move(req, engagement, form: form, done: "The evaluation is saved.") {
            try await EvaluationsService.evaluate(draft, in: engagement.participant, engagement.context)
        }
    }

    func answer(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let form = try req.content.decode([String: String].self)
        return try await move(req, engagement, form: form, done: "Thank you: your exit survey is in.") {
            let ratings = Dictionary(uniqueKeysWithValues: ExitSurveyInput.questions.map { ($0.key, Int(form[$0.key] ?? "")) })
            try await EvaluationsService.answerSurvey(try ExitSurveyInput(ratings: ratings, comment: form["comment"] ?? ""),
                                                      in: engagement.participant, engagement.context)
        }
    }

    /// Back to the evaluation page with a message, or the page again with the form's problems.
    private func move(_ req: Request, _ engagement: EngagementRequest, form: [String: String], done: String,
                      _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            try await req.flash(done)
        } catch let failure as ValidationFailure {
            return try await render(req, engagement, form: form, errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: SiteURL.evaluations(.evaluation(.value(engagement.id))).path)
    }

    func surveys(req: Request) async throws -> Response {
        let report = try await EvaluationsService.surveys(slug: req.parameters.get("slug") ?? "", try await req.signedInContext())
        return try await req.render("Exit surveys", SurveysPage(report: report))
    }
}
