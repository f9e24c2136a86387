import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A project's page: the brief as the visitor may read it, with the author's panel or the apply form.
struct ProjectPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Projects.project(.key), use: show)
    }

    func show(req: Request) async throws -> Response {
        try await req.renderProjectPage(try await MarketplaceService.viewableProject(try req.projectID(), try await req.visitorContext()))
    }
}

extension Request {
    /// The project page; `input` and `errors` refill the apply form after a refused application.
    func renderProjectPage(_ project: ProjectRecord, input: ApplicationInput? = nil, errors: [FieldError] = []) async throws -> Response {
        let principal = try await principal()
        let brief = try await ProjectBriefs.brief(of: project, on: db)
        let isAuthor = Policy.allows(principal, .authorProjects(project.$organization.id))
        let page = ProjectPage(project: try ProjectPage.Project(project), brief: brief, lint: isAuthor ? ComplianceLint.check(brief, hourlyFloor: project.organization.payFloor) : nil,
                               csrf: isAuthor ? try await csrfToken() : nil, match: try await match(project, brief),
                               showsApplicants: Policy.allows(principal, .viewApplicants(project.$organization.id)),
                               apply: isAuthor ? nil : try await applyPanel(project, brief, input: input, errors: errors))
        return try await render(project.title, status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }

    private func applyPanel(_ project: ProjectRecord, _ brief: Brief, input: ApplicationInput?,
                            errors: [FieldError]) async throws -> ApplyPanel {
        guard let user = user else { return .signedOut }
        let userID = try user.requireID()
        guard try await CandidateProfiles.profile(userID: userID, on: db) != nil else { return .notCandidate }
        let projectID = try project.requireID()
        if let live = try await Applications.live(projectID: projectID, userID: userID, on: db) { return .applied(try AppliedSummary(live)) }
        if let refusal = ApplicationLifecycle.applyRefusal(projectState: project.state, deadline: project.applicationDeadline, now: now) {
            return .closed(refusal)
        }
        guard user.emailVerifiedAt != nil else { return .unconfirmed(user.email) }
        return .form(projectID: ProjectID(projectID), questions: brief.screeningQuestions,
                     input: input ?? ApplicationInput(answers: brief.screeningQuestions.map { _ in "" }), errors: errors,
                     csrf: try await csrfToken())
    }

    /// How the signed-in candidate's profile matches the brief, with the labels of missing skills.
    private func match( _ project: ProjectRecord, _ brief: Brief) async throws -> (score: MatchScore, missing: [String])? {
        guard let user = user, let record = try await CandidateProfiles.profile(userID: try user.requireID(), on: db) else {
            return nil
        }
        let profile = try await CandidateProfiles.profile(record, on: db)
        let score = Matching.score(MatchCandidate(profile), for: MatchProject(brief))
        let labels = Dictionary(project.skills.map { ($0.$skill.id, $0.skill.label) }, uniquingKeysWith: { first, _ in first })
        return (score, score.missingRequired.map { labels[$0] ?? $0 })
    }
}
