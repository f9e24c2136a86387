import Foundation
import TryoutCore
import TryoutStore
import Fluent
import Vapor

/// Writing and running briefs: an organization's project list, the brief form (blank or from a
/// template), and the publish, close, cancel and duplicate actions.
struct ProjectAuthoringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("orgs", ":slug", "projects", use: list)
        routes.get("orgs", ":slug", "projects", "new", use: newForm)
        routes.post("orgs", ":slug", "projects", use: create)
        let project = routes.grouped("projects", ":projectID")
        project.get("edit", use: editForm)
        project.post("edit", use: update)
        project.post("publish", use: { try await transition($0, to: .published) })
        project.post("close", use: { try await transition($0, to: .closed) })
        project.post("cancel", use: { try await transition($0, to: .cancelled) })
        project.post("duplicate", use: duplicate)
    }

    func list(req: Request) async throws -> Response {
        let org = try await ProjectAuthoring.employer(req)
        let projects = try await Projects.all(of: try org.requireID(), on: req.db)
        return try await req.render("\(org.name): projects", OrganizationProjectsPage(org: org, projects: projects))
    }

    func newForm(req: Request) async throws -> Response {
        let org = try await ProjectAuthoring.employer(req)
        let template = req.query[String.self, at: "template"].flatMap(BriefTemplates.template(id:))
        var input = BriefInput(brief: template?.brief ?? Brief(classification: .contractor, agreements: [.contractorAgreement, .ipAssignment]),
                               skillLabels: [:], partnerSlugs: [], invitedEmails: [])
        for (index, skill) in (template?.skills ?? []).enumerated() {
            input.fields["skill.\(index).label"] = skill.label
            input.fields["skill.\(index).level"] = String(skill.level)
            if skill.required { input.fields["skill.\(index).required"] = "on" }
        }
        return try await renderForm(req, org: org, project: nil, input: input, templateName: template?.name)
    }

    func create(req: Request) async throws -> Response {
        let org = try await ProjectAuthoring.employer(req)
        let input = BriefInput(try req.content.decode([String: String].self))
        let parsed: (Brief, ProjectAudience)
        do {
            parsed = try await ProjectAuthoring.resolve(req, input, for: .draft)
        } catch let failure as ValidationFailure {
            return try await renderForm(req, org: org, project: nil, input: input, errors: failure.errors)
        }
        let now = req.now
        let project = try await req.db.transaction { tx in
            try await ProjectBriefs.create(organizationID: try org.requireID(), brief: parsed.0, audience: parsed.1, at: now, on: tx)
        }
        try await req.flash("Draft saved. Check the brief below, then publish it.")
        return req.redirect(to: SiteURL.project(try project.requireID()).path)
    }

    func editForm(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.project(req)
        guard ProjectLifecycle.isEditable(project.state) else { throw Abort(.conflict, reason: "A \(project.state.rawValue) project cannot be edited.") }
        let brief = try await ProjectBriefs.brief(of: project, on: req.db)
        let audience = try await ProjectBriefs.audience(of: try project.requireID(), on: req.db)
        let labels = Dictionary(project.skills.map { ($0.$skill.id, $0.skill.label) }, uniquingKeysWith: { a, _ in a })
        let partners = try await ProjectAuthoring.partnerSlugs(req, audience)
        let input = BriefInput(brief: brief, skillLabels: labels, partnerSlugs: partners, invitedEmails: audience.invitedEmails)
        return try await renderForm(req, org: project.organization, project: project, input: input)
    }

    func update(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.project(req)
        guard ProjectLifecycle.isEditable(project.state) else { throw Abort(.conflict, reason: "A \(project.state.rawValue) project cannot be edited.") }
        let input = BriefInput(try req.content.decode([String: String].self))
        let parsed: (Brief, ProjectAudience)
        do {
            parsed = try await ProjectAuthoring.resolve(req, input, for: project.state)
        } catch let failure as ValidationFailure {
            return try await renderForm(req, org: project.organization, project: project, input: input, errors: failure.errors)
        }
        let now = req.now
        try await req.db.transaction { tx in
            try await ProjectBriefs.update(project, brief: parsed.0, audience: parsed.1, at: now, on: tx)
        }
        try await req.flash(project.state == .draft ? "Draft saved." : "Changes saved. New applicants see version \(project.briefVersion) of the brief.")
        return req.redirect(to: SiteURL.project(try project.requireID()).path)
    }

    func transition(_ req: Request, to target: ProjectState) async throws -> Response {
        let project = try await ProjectAuthoring.project(req)
        let moved: Result<Void, ProjectTransitionError>
        do {
            try await ProjectAuthoring.move(req, project, to: target)
            moved = .success(())
        } catch {
            moved = .failure(error)
        }
        switch moved {
        case .success: try await req.flash("The project is now \(target.rawValue).")
        case .failure(.lintFailed): try await req.flash("The brief is not ready to publish yet: fix the problems listed below.", .error)
        case .failure(let error): try await req.flash(error.description, .error)
        }
        return req.redirect(to: SiteURL.project(try project.requireID()).path)
    }

    func duplicate(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.project(req)
        var original = try await ProjectBriefs.brief(of: project, on: req.db)
        original.title = String("Copy of \(original.title)".prefix(120))
        let brief = original
        let audience = try await ProjectBriefs.audience(of: try project.requireID(), on: req.db)
        let now = req.now
        let copy = try await req.db.transaction { tx in
            try await ProjectBriefs.create(organizationID: project.$organization.id, brief: brief, audience: audience, at: now, on: tx)
        }
        try await req.flash("A draft copy has been made.")
        return req.redirect(to: SiteURL.editProject(try copy.requireID()).path)
    }

    private func renderForm(_ req: Request, org: OrganizationRecord, project: ProjectRecord?, input: BriefInput,
                            errors: [FieldError] = [], templateName: String? = nil) async throws -> Response {
        let page = BriefFormPage(csrf: try await req.csrfToken(), org: org, project: project, input: input, errors: errors,
                                 templateName: templateName)
        return try await req.render(project == nil ? "New project" : "Edit \(project!.title)",
                                    status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }
}
