import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The home page, a project's public page, and the stylesheet and script every page loads.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("projects", ":projectID", use: project)
        routes.get("assets", "site.css") { _ in Self.asset(Stylesheet.css, type: "css") }
        routes.get("assets", "skills.js") { _ in Self.asset(SkillSuggestions.script, type: "javascript") }
    }

    func home(req: Request) async throws -> Response {
        let projects = try await Projects.latestPublic(limit: 6, on: req.db)
        return try await req.render("Paid micro-internships", HomePage(projects: projects, signedIn: req.user != nil))
    }

    func project(req: Request) async throws -> Response {
        try await renderProject(req, project: try await ProjectAuthoring.viewableProject(req))
    }

    /// The project page; `input` and `errors` refill the apply form after a refused application.
    func renderProject(_ req: Request, project: ProjectRecord, input: ApplicationInput? = nil, errors: [FieldError] = []) async throws -> Response {
        let principal = try await req.principal()
        let brief = try await ProjectBriefs.brief(of: project, on: req.db)
        let isAuthor = Policy.allows(principal, .authorProjects(project.$organization.id))
        let page = ProjectPage(project: project, brief: brief, lint: isAuthor ? ComplianceLint.check(brief, hourlyFloor: project.organization.payFloor) : nil,
                               csrf: isAuthor ? try await req.csrfToken() : nil, match: try await match(req, project, brief),
                               showsApplicants: Policy.allows(principal, .viewApplicants(project.$organization.id)),
                               apply: isAuthor ? nil : try await applyPanel(req, project, brief, input: input, errors: errors))
        return try await req.render(project.title, status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }

    private func applyPanel(_ req: Request, _ project: ProjectRecord, _ brief: Brief, input: ApplicationInput?,
                            errors: [FieldError]) async throws -> ApplyPanel {
        guard let user = req.user else { return .signedOut }
        let userID = try user.requireID()
        guard try await CandidateProfiles.profile(userID: userID, on: req.db) != nil else { return .notCandidate }
        let projectID = try project.requireID()
        if let live = try await Applications.live(projectID: projectID, userID: userID, on: req.db) { return .applied(live) }
        if let refusal = ApplicationLifecycle.applyRefusal(projectState: project.state, deadline: project.applicationDeadline, now: req.now) {
            return .closed(refusal)
        }
        guard user.emailVerifiedAt != nil else { return .unconfirmed(user.email) }
        return .form(projectID: projectID, questions: brief.screeningQuestions,
                     input: input ?? ApplicationInput(answers: brief.screeningQuestions.map { _ in "" }), errors: errors,
                     csrf: try await req.csrfToken())
    }

    /// How the signed-in candidate's profile matches the brief, with the labels of missing skills.
    private func match(_ req: Request, _ project: ProjectRecord, _ brief: Brief) async throws -> (score: MatchScore, missing: [String])? {
        guard let user = req.user, let record = try await CandidateProfiles.profile(userID: try user.requireID(), on: req.db) else {
            return nil
        }
        let profile = try await CandidateProfiles.profile(record, on: req.db)
        let score = Matching.score(MatchCandidate(profile), for: MatchProject(brief))
        let labels = Dictionary(project.skills.map { ($0.$skill.id, $0.skill.label) }, uniquingKeysWith: { first, _ in first })
        return (score, score.missingRequired.map { labels[$0] ?? $0 })
    }

    private static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: type, parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
