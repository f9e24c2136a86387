import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Writing and running briefs: an organization's project list, the brief editor's steps (a new
/// brief blank or from a template), and the publish, close, cancel and duplicate actions.
struct AuthoringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Projects.organizationProjects(.key), use: list)
        routes.get(SiteURL.Projects.newProject(.key), use: newForm)
        routes.post(SiteURL.Projects.organizationProjects(.key), use: create)
        routes.get(SiteURL.Projects.project(.key, .edit), use: firstStep)
        routes.get(SiteURL.Projects.editStep(.key, .key), use: editForm)
        routes.post(SiteURL.Projects.editStep(.key, .key), use: update)
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
        let (input, template) = ProjectAuthors.newBrief(template: req.query[String.self, at: "template"])
        return try await render(req, BriefEditorPage(csrf: try await req.csrfToken(), org: .init(org), project: nil, step: .basics, input: input,
                                                     errors: [], template: template))
    }

    /// The first step makes the draft, over the template it started from; the next step follows.
    func create(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let slug = req.parameters.get("slug")
        let org = try await ProjectAuthors.employer(slug: slug, ctx)
        let posted = try req.content.decode([String: String].self)
        let (started, template) = ProjectAuthors.newBrief(template: posted["template"])
        let input = started.replacing(.basics, with: posted)
        let project: ProjectRecord
        do {
            project = try await ProjectsService.create(try await ProjectAuthors.resolve(input, for: .draft, ctx), in: slug, ctx)
        } catch let failure as ValidationFailure {
            return try await render(req, BriefEditorPage(csrf: try await req.csrfToken(), org: .init(org), project: nil, step: .basics, input: input,
                                                         errors: failure.errors, template: template))
        }
        try await req.flash("Draft saved. The panel beside the form lists what publishing still needs.")
        return req.redirect(to: SiteURL.projects(.editStep(.value(ProjectID(try project.requireID())), .value(.work))).path)
    }

    /// The editor's address without a step opens its first.
    func firstStep(req: Request) async throws -> Response {
        req.redirect(to: SiteURL.projects(.editStep(.value(try req.projectID()), .value(.basics))).path)
    }

    func editForm(req: Request) async throws -> Response {
        let step = try req.briefStep()
        let editing = try await ProjectAuthors.editing(try req.projectID(), step: step, try await req.signedInContext())
        return try await render(req, page(req, editing, step: step, input: editing.input))
    }

    /// Saves one step's fields over the rest of the brief, then moves on to the next step.
    func update(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let (id, step) = (try req.projectID(), try req.briefStep())
        let editing = try await ProjectAuthors.editing(id, step: step, ctx)
        let input = editing.input.replacing(step, with: try req.content.decode([String: String].self))
        let saved: ProjectRecord
        do {
            saved = try await ProjectsService.update(id, with: try await ProjectAuthors.resolve(input, for: editing.project.state, ctx), ctx)
        } catch let failure as ValidationFailure {
            let choices = try await TaxonomyService.choices(for: failure.errors, in: input.fields, ctx)
            return try await render(req, page(req, editing, step: step, input: input, errors: failure.errors, choices: choices))
        }
        try await req.flash(saved.state == .draft ? "\(step.title): saved." : "Changes saved. New applicants see version \(saved.briefVersion) of the brief.")
        let next = step.next.map { SiteURL.projects(.editStep(.value(id), .value($0))) } ?? SiteURL.projects(.project(.value(id)))
        return req.redirect(to: next.path)
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
        return req.redirect(to: SiteURL.projects(.editStep(.value(ProjectID(try copy.requireID())), .value(.basics))).path)
    }

    private func page(_ req: Request, _ editing: ProjectAuthors.Editing, step: BriefStep, input: BriefInput,
                      errors: [FieldError] = [], choices: [String: [String]] = [:]) async throws -> BriefEditorPage {
        BriefEditorPage(csrf: try await req.csrfToken(), org: .init(editing.project.organization), project: try .init(editing),
                        step: step, input: input, errors: errors, partners: editing.partners, choices: choices)
    }

    private func render(_ req: Request, _ page: BriefEditorPage) async throws -> Response {
        try await req.render(page.project.map { "Edit \($0.title): \(page.step.title)" } ?? "New project",
                             status: page.errors.isEmpty ? .ok : .unprocessableEntity, page)
    }
}
