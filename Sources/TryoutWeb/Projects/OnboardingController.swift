import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A project's onboarding checklist, which each new engagement copies when its place is accepted.
struct OnboardingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Projects.project(.key, .onboarding), use: show)
        routes.post(SiteURL.Projects.project(.key, .onboarding), use: save)
    }

    func show(req: Request) async throws -> Response {
        let project = try await ProjectAuthors.authoredProject(try req.projectID(), try await req.signedInContext())
        let items = project.onboarding
        return try await render(req, project, titles: items.map(\.title), owners: items.map(\.owner.rawValue))
    }

    private func render(_ req: Request, _ project: ProjectRecord, titles: [String], owners: [String], errors: [FieldError] = []) async throws -> Response {
        try await req.render("Onboarding checklist", status: errors.isEmpty ? .ok : .unprocessableEntity,
                             OnboardingPage(project: try OnboardingPage.Project(project), titles: titles, owners: owners,
                                            csrf: try await req.csrfToken(), errors: errors))
    }

    func save(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let id = try req.projectID()
        let form = try req.content.decode([String: String].self)
        let titles = (0..<Onboarding.maxItems + 1).map { form["title.\($0)"] ?? "" }
        let owners = (0..<Onboarding.maxItems + 1).map { form["owner.\($0)"] ?? "" }
        do {
            try await ProjectsService.saveOnboarding(id, titles: titles, owners: owners, ctx)
        } catch let failure as ValidationFailure {
            return try await render(req, try await ProjectAuthors.authoredProject(id, ctx), titles: titles, owners: owners, errors: failure.errors)
        }
        try await req.flash("Checklist saved. Engagements that start from now on use it.")
        return req.redirect(to: SiteURL.projects(.project(.value(id), .onboarding)).path)
    }
}
