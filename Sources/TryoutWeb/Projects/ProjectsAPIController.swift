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
        authed.patch("projects", ":projectID", use: patch)
        authed.post("projects", ":projectID", "publish", use: { try await move($0, to: .published) })
        authed.post("projects", ":projectID", "close", use: { try await move($0, to: .closed) })
    }

    func list(req: Request) async throws -> DTO.ProjectList {
        let results = try await req.query.decode(ProjectSearchParameters.self).results(req)
        return DTO.ProjectList(items: results.projects.map(DTO.ProjectSummary.init), total: results.total, totalCapped: results.totalCapped,
                               nextCursor: results.nextCursor, notices: results.notices)
    }

    func show(req: Request) async throws -> DTO.ProjectDetail {
        let project = try await ProjectAuthoring.viewableProject(req)
        return try await detail(req, project)
    }

    /// The project as `GET` shows it; the audience, screening switches and lint for its authors only.
    private func detail(_ req: Request, _ project: ProjectRecord) async throws -> DTO.ProjectDetail {
        let brief = try await ProjectBriefs.brief(of: project, on: req.db)
        let labels = try await ProjectSkillRecord.query(on: req.db).filter(\.$project.$id == project.requireID()).with(\.$skill).all()
        let skills = labels.map { DTO.SkillEntry(uri: $0.$skill.id, label: $0.skill.label, level: $0.level, required: $0.required) }
            .sorted { $0.uri < $1.uri }
        guard Policy.allows(try await req.principal(), .authorProjects(project.$organization.id)) else {
            return DTO.ProjectDetail(project: DTO.ProjectSummary(project), brief: DTO.ProjectInput(brief, skills: skills, audience: nil),
                                     briefVersion: project.briefVersion, screening: nil, lint: nil)
        }
        let audience = try await ProjectBriefs.audience(of: try project.requireID(), on: req.db)
        let input = DTO.ProjectInput(brief, skills: skills, audience: (try await ProjectAuthoring.partnerSlugs(req, audience), audience.invitedEmails))
        return DTO.ProjectDetail(project: DTO.ProjectSummary(project), brief: input, briefVersion: project.briefVersion,
                                 screening: DTO.Screening(project.screening),
                                 lint: DTO.Lint(ComplianceLint.check(brief, hourlyFloor: project.organization.payFloor)))
    }

    func create(req: Request) async throws -> Response {
        let org = try await ProjectAuthoring.employer(req)
        let (brief, audience) = try await resolve(req, try req.decodeJSON(DTO.ProjectInput.self), for: .draft)
        let now = req.now
        let project = try await req.db.transaction { tx in
            try await ProjectBriefs.create(organizationID: try org.requireID(), brief: brief, audience: audience, at: now, on: tx)
        }
        return try await detail(req, try await reloaded(req, project)).created(at: "projects", try project.requireID(), for: req)
    }

    /// Replaces the brief: whatever is not sent is cleared, as `GET` shows every field.
    func update(req: Request) async throws -> DTO.ProjectDetail {
        let project = try await editableProject(req)
        return try await save(req, project, try req.decodeJSON(DTO.ProjectInput.self))
    }

    /// Changes part of the brief (RFC 7396): the patch is merged into the brief as `GET` shows it,
    /// and the result is checked and saved as a `PUT` of it would be.
    func patch(req: Request) async throws -> DTO.ProjectDetail {
        let project = try await editableProject(req)
        guard let type = req.headers.contentType, type.type == "application", ["merge-patch+json", "json"].contains(type.subType) else {
            throw Abort(.unsupportedMediaType, reason: "Send the changes as application/merge-patch+json.")
        }
        let patch = try req.decodeJSON(JSONValue.self)
        guard case .object = patch else { throw Abort(.badRequest, reason: "The body must be a JSON object.") }
        let current = try JSONValue(encoding: try await detail(req, project).brief)
        return try await save(req, project, try current.merged(with: patch).decode(DTO.ProjectInput.self))
    }

    /// The project at `:projectID` if the token's user may author it and its state allows edits.
    private func editableProject(_ req: Request) async throws -> ProjectRecord {
        let project = try await ProjectAuthoring.project(req)
        guard ProjectLifecycle.isEditable(project.state) else { throw Abort(.conflict, reason: "A \(project.state.rawValue) project cannot be edited.") }
        return project
    }

    private func save(_ req: Request, _ project: ProjectRecord, _ input: DTO.ProjectInput) async throws -> DTO.ProjectDetail {
        let (resolved, audience) = try await resolve(req, input, for: project.state)
        var brief = resolved
        // Only the web form records the primary-beneficiary test; the API keeps it as it is.
        brief.internTest = try await ProjectBriefs.brief(of: project, on: req.db).internTest
        let now = req.now
        try await req.db.transaction { [brief] tx in
            try await ProjectBriefs.update(project, brief: brief, audience: audience, at: now, on: tx)
        }
        return try await detail(req, try await reloaded(req, project))
    }

    /// The JSON body as a brief and its audience, with errors named by JSON path.
    private func resolve(_ req: Request, _ input: DTO.ProjectInput, for state: ProjectState) async throws -> (Brief, ProjectAudience) {
        try input.checkShape()
        do {
            return try await ProjectAuthoring.resolve(req, input.briefInput, for: state)
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
