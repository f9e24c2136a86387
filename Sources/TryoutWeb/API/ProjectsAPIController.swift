import Fluent
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1/projects`: the marketplace and brief authoring for scripts. Reading works without
/// a token (public projects only); writing needs one.
struct ProjectsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").grouped(BearerAuthMiddleware())
        api.get("projects", use: list)
        api.get("projects", ":projectID", use: show)
        let authed = api.grouped(RequireAPIUserMiddleware())
        authed.post("organizations", ":slug", "projects", use: create)
        authed.put("projects", ":projectID", use: update)
        authed.post("projects", ":projectID", "publish", use: { try await move($0, to: .published) })
        authed.post("projects", ":projectID", "close", use: { try await move($0, to: .closed) })
    }

    func list(req: Request) async throws -> DTO.ProjectList {
        let query = try await req.query.decode(ProjectSearchParameters.self).query(on: req.db)
        let page = try await ProjectSearch.search(query, viewer: try await req.searchViewer(), on: req.db)
        let projects = try await Projects.list(ids: page.projectIDs, on: req.db)
        return DTO.ProjectList(items: projects.map(DTO.ProjectSummary.init), total: page.total, totalCapped: page.totalCapped, nextCursor: page.nextCursor)
    }

    func show(req: Request) async throws -> DTO.ProjectDetail {
        let project = try await ProjectAuthoring.viewableProject(req)
        return try await detail(req, project)
    }

    private func detail(_ req: Request, _ project: ProjectRecord) async throws -> DTO.ProjectDetail {
        let brief = try await ProjectBriefs.brief(of: project, on: req.db)
        let labels = try await ProjectSkillRecord.query(on: req.db).filter(\.$project.$id == project.requireID()).with(\.$skill).all()
        let isAuthor = Policy.allows(try await req.principal(), .authorProjects(project.$organization.id))
        return DTO.ProjectDetail(
            project: DTO.ProjectSummary(project), body: brief.body, deliverables: brief.deliverables, rubric: brief.rubric,
            skills: labels.map { DTO.SkillEntry(uri: $0.$skill.id, label: $0.skill.label, level: $0.level, required: $0.required) },
            classification: brief.classification, slots: brief.slots, visibility: brief.visibility, startDate: brief.startDate,
            agreements: AgreementKind.allCases.filter(brief.agreements.contains), screeningQuestions: brief.screeningQuestions,
            accommodations: brief.accommodations, briefVersion: project.briefVersion,
            lint: isAuthor ? DTO.Lint(ComplianceLint.check(brief, hourlyFloor: project.organization.payFloor)) : nil)
    }

    func create(req: Request) async throws -> Response {
        let org = try await ProjectAuthoring.employer(req)
        let (brief, audience) = try await resolve(req)
        let now = req.now
        let project = try await req.db.transaction { tx in
            try await ProjectBriefs.create(organizationID: try org.requireID(), brief: brief, audience: audience, at: now, on: tx)
        }
        return try await detail(req, try await reloaded(req, project)).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> DTO.ProjectDetail {
        let project = try await ProjectAuthoring.project(req)
        guard ProjectLifecycle.isEditable(project.state) else { throw Abort(.conflict, reason: "A \(project.state.rawValue) project cannot be edited.") }
        let (brief, audience) = try await resolve(req)
        let now = req.now
        try await req.db.transaction { tx in
            try await ProjectBriefs.update(project, brief: brief, audience: audience, at: now, on: tx)
        }
        return try await detail(req, try await reloaded(req, project))
    }

    /// The JSON body as a brief and its audience, with errors named by JSON path.
    private func resolve(_ req: Request) async throws -> (Brief, ProjectAudience) {
        let input = try req.decodeJSON(DTO.ProjectInput.self)
        try input.checkShape()
        do {
            return try await ProjectAuthoring.resolve(req, input.briefInput)
        } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { FieldError(DTO.ProjectInput.jsonPath($0.field), $0.message) })
        }
    }

    /// The project as stored now, with its organization and skills loaded.
    private func reloaded(_ req: Request, _ project: ProjectRecord) async throws -> ProjectRecord {
        guard let fresh = try await Projects.find(id: project.requireID(), on: req.db) else { throw Abort(.notFound) }
        return fresh
    }

    func move(_ req: Request, to target: ProjectState) async throws -> DTO.ProjectDetail {
        let project = try await ProjectAuthoring.project(req)
        do {
            try await ProjectAuthoring.move(req, project, to: target)
        } catch .lintFailed(let findings) {
            throw ValidationFailure(findings.map { FieldError($0.field, $0.message) })
        } catch .storage(let detail) {
            req.logger.error("saving a project state failed: \(detail)")
            throw Abort(.internalServerError)
        } catch {
            throw Abort(.conflict, reason: error.description)
        }
        return try await detail(req, project)
    }
}
