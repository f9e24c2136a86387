import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A project's page: the brief as the visitor may read it, with the author's panel or the apply form.
struct ProjectPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(PublicPageCache()).get(SiteURL.Projects.project(.key), use: show)
    }

    func show(req: Request) async throws -> Response {
        try await req.renderProjectPage(try await MarketplaceService.viewableProject(try req.projectID(), try await req.visitorContext()))
    }
}

extension Request {
    /// The project page; `input` and `errors` refill the apply form after a refused application.
    func renderProjectPage(_ project: ProjectRecord, input: ApplicationInput? = nil, errors: [FieldError] = []) async throws -> Response {
        let reading = try await MarketplaceService.reading(project, try await visitorContext())
        let csrf = reading.lint == nil ? nil : try await csrfToken()
        var apply: ApplyPanel?
        if let standing = reading.applying { apply = try await applyPanel(standing, project, reading.brief, input: input, errors: errors) }
        let page = ProjectPage(project: try ProjectPage.Project(project), brief: reading.brief, lint: reading.lint, csrf: csrf,
                               match: reading.match.map { ($0.score, $0.missing) }, showsApplicants: reading.showsApplicants, apply: apply,
                               rating: reading.rating.map(RatingText.sentence))
        return try await render(project.title, status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }

    private func applyPanel(_ standing: ApplyingStanding, _ project: ProjectRecord, _ brief: Brief, input: ApplicationInput?,
                            errors: [FieldError]) async throws -> ApplyPanel {
        switch standing {
        case .signedOut: return .signedOut(ProjectID(try project.requireID()))
        case .notCandidate: return .notCandidate
        case .applied(let live): return .applied(try AppliedSummary(live))
        case .closed(let refusal): return .closed(refusal)
        case .unconfirmed(let email): return .unconfirmed(email)
        case .open:
            return .form(projectID: ProjectID(try project.requireID()), questions: brief.screeningQuestions,
                         input: input ?? ApplicationInput(answers: brief.screeningQuestions.map { _ in "" }), errors: errors,
                         csrf: try await csrfToken())
        }
    }
}
