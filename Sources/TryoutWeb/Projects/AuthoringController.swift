import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Writing and running briefs: an organization's project list, the brief form (blank or from a
/// template), and the publish, close, cancel and duplicate actions.
struct AuthoringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Projects.organizationProjects(.key), use: list)
        routes.get(SiteURL.Projects.newProject(.key), use: newForm)
        routes.post(SiteURL.Projects.organizationProjects(.key), use: create)
        routes.get(SiteURL.Projects.project(.key, .edit), use: editForm)
        routes.post(SiteURL.Projects.project(.key, .edit), use: update)
        // Publishing holds pay in escrow; closing and cancelling give the unused part back.
        let money = routes.grouped(IdempotencyMiddleware(required: false))
        money.post(SiteURL.Projects.project(.key, .publish), use: { try await transition($0, to: .published) })
        money.post(SiteURL.Projects.project(.key, .close), use: { try await transition($0, to: .closed) })
        money.post(SiteURL.Projects.project(.key, .cancel), use: { try await transition($0, to: .cancelled) })
        routes.post(SiteURL.Projects.project(.key, .duplicate), use: duplicate)
    }

    func list(req: Request) async throws -> Response {
        let (org, projects) = try await ProjectAuthors.projects(of: req.parameters.get("slug"), try await req.signedInContext())
        return try await req.render("\(org.name): projects", OrganizationProjectsPage(org: .init(org), projects: try projects.map(OrganizationProjectsPage.Row.init)))
    }

    func newForm(req: Request) async throws -> Response {
        let org = try await ProjectAuthors.employer(slug: req.parameters.get("slug"), try await req.signedInContext())
        let (input, templateName) = ProjectAuthors.newBrief(template: req.query[String.self, at: "template"])
        return try await renderForm(req, org: org, project: nil, input: input, templateName: templateName)
    }

    func create(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let slug = req.parameters.get("slug")
        let org = try await ProjectAuthors.employer(slug: slug, ctx)
        let input = BriefInput(try req.content.decode([String: String].self))
        let project: ProjectRecord
        do {
            project = try await ProjectsService.create(try await ProjectAuthors.resolve(input, for: .draft, ctx), in: slug, ctx)
        } catch let failure as ValidationFailure {
            return try await renderForm(req, org: org, project: nil, input: input, errors: failure.errors)
        }
        try await req.flash("Draft saved. The checks below say whether it can be published.")
        return req.redirect(to: SiteURL.projects(.project(try project.requireID())).path)
    }

    func editForm(req: Request) async throws -> Response {
        let (project, input) = try await ProjectAuthors.currentBrief(of: try req.projectID(), try await req.signedInContext())
        return try await renderForm(req, org: project.organization, project: project, input: input)
    }

    func update(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let id = try req.projectID()
        let project = try await ProjectAuthors.editableProject(id, ctx)
        let input = BriefInput(try req.content.decode([String: String].self))
        let saved: ProjectRecord
        do {
            saved = try await ProjectsService.update(id, with: try await ProjectAuthors.resolve(input, for: project.state, ctx), ctx)
        } catch let failure as ValidationFailure {
            return try await renderForm(req, org: project.organization, project: project, input: input, errors: failure.errors)
        }
        try await req.flash(saved.state == .draft ? "Draft saved." : "Changes saved. New applicants see version \(saved.briefVersion) of the brief.")
        return req.redirect(to: SiteURL.projects(.project(.value(id))).path)
    }

    func transition(_ req: Request, to target: ProjectState) async throws -> Response {
        let id = try req.projectID()
        do {
            _ = try await ProjectsService.transition(id, to: target, try await req.signedInContext())
            try await req.flash("The project is now \(target.rawValue).")
        } catch is ValidationFailure {
            try await req.flash("The brief is not ready to publish yet: fix the problems listed below.", .error)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        } catch let error where !(error is ActionError) {
            // The move is one transaction, so nothing was half-done: the page says to try again.
            req.logger.error("changing the state of project \(id) failed: \(String(reflecting: error))")
            try await req.flash(ProjectTransitionError.storage(String(reflecting: error)).description, .error)
        }
        return req.redirect(to: SiteURL.projects(.project(.value(id))).path)
    }

    func duplicate(req: Request) async throws -> Response {
        let copy = try await ProjectsService.duplicate(try req.projectID(), try await req.signedInContext())
        try await req.flash("A draft copy has been made.")
        return req.redirect(to: SiteURL.projects(.project(try copy.requireID(), .edit)).path)
    }

    private func renderForm(_ req: Request, org: OrganizationRecord, project: ProjectRecord?, input: BriefInput,
                            errors: [FieldError] = [], templateName: String? = nil) async throws -> Response {
        let page = BriefFormPage(csrf: try await req.csrfToken(), org: .init(org), project: try project.map(BriefFormPage.Project.init), input: input, errors: errors,
                                 templateName: templateName)
        return try await req.render(project.map { "Edit \($0.title)" } ?? "New project",
                                    status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }
}
