import Fluent
import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1/projects`: the marketplace and brief authoring for scripts. Reading works without
/// a token (public projects only); writing needs one.
struct ProjectsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware())
        let shared = api.grouped(PublicPageCache())
        shared.get(SiteURL.Projects.api(.projects), use: list)
        shared.get(SiteURL.Projects.api(.project(.key)), use: show)
        let authed = api.grouped(RequireAPIUserMiddleware())
        authed.post(SiteURL.Projects.api(.organizationProjects(.key)), use: create)
        authed.on(.PUT, SiteURL.Projects.api(.project(.key)), use: update)
        authed.on(.PATCH, SiteURL.Projects.api(.project(.key)), use: patch)
        let money = authed.grouped(IdempotencyMiddleware(required: false))
        money.post(SiteURL.Projects.api(.publish(.key)), use: { try await move($0, to: .published) })
        money.post(SiteURL.Projects.api(.close(.key)), use: { try await move($0, to: .closed) })
    }

    func list(req: Request) async throws -> DTO.ProjectList {
        let results = try await MarketplaceService.search(try req.query.decode(ProjectSearchInput.self), try await req.visitorContext())
        return DTO.ProjectList(items: results.projects.map { DTO.ProjectSummary($0) }, total: results.total, totalCapped: results.totalCapped,
                               nextCursor: results.nextCursor, notices: results.notices)
    }

    func show(req: Request) async throws -> DTO.ProjectDetail {
        let ctx = try await req.visitorContext()
        return try await detail(ctx, try await MarketplaceService.viewableProject(try req.projectID(), ctx))
    }

    /// The project as `GET` shows it; the audience, screening switches and lint for its authors only.
    private func detail(_ ctx: ActionContext, _ project: ProjectRecord) async throws -> DTO.ProjectDetail {
        let brief = try await ProjectBriefs.brief(of: project, on: ctx.db)
        let labels = try await ProjectSkillRecord.query(on: ctx.db).filter(\.$project.$id == project.requireID()).with(\.$skill).all()
        let skills = labels.map { DTO.SkillEntry(uri: $0.$skill.id, label: $0.skill.label, level: $0.level, required: $0.required) }
            .sorted { $0.uri < $1.uri }
        guard Policy.allows(ctx.principal, .authorProjects(project.$organization.id)) else {
            return DTO.ProjectDetail(project: DTO.ProjectSummary(project), brief: DTO.ProjectInput(brief, skills: skills, audience: nil),
                                     briefVersion: project.briefVersion, screening: nil, lint: nil)
        }
        let audience = try await ProjectBriefs.audience(of: try project.requireID(), on: ctx.db)
        let input = DTO.ProjectInput(brief, skills: skills, audience: (try await ProjectAuthors.partnerSlugs(audience, ctx), audience.invitedEmails))
        return DTO.ProjectDetail(project: DTO.ProjectSummary(project), brief: input, briefVersion: project.briefVersion,
                                 screening: DTO.Screening(project.screening),
                                 lint: DTO.Lint(try await MarketplaceService.lint(project, brief, ctx)))
    }

    func create(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let slug = req.parameters.get("slug")
        // Someone who may not author there learns nothing, not even what is wrong with the body.
        _ = try await ProjectAuthors.employer(slug: slug, ctx)
        let project = try await ProjectsService.create(try await resolve(ctx, try req.decodeJSON(DTO.ProjectInput.self), for: .draft), in: slug, ctx)
        return try await detail(ctx, try await reloaded(ctx, project)).created(at: "projects", try project.requireID(), for: req)
    }

    /// Replaces the brief: whatever is not sent is cleared, as `GET` shows every field.
    func update(req: Request) async throws -> DTO.ProjectDetail {
        let ctx = try await req.signedInContext()
        let project = try await ProjectAuthors.editableProject(try req.projectID(), ctx)
        return try await save(ctx, project, try req.decodeJSON(DTO.ProjectInput.self))
    }

    /// Changes part of the brief (RFC 7396): the patch is merged into the brief as `GET` shows it,
    /// and the result is checked and saved as a `PUT` of it would be.
    func patch(req: Request) async throws -> DTO.ProjectDetail {
        let ctx = try await req.signedInContext()
        let project = try await ProjectAuthors.editableProject(try req.projectID(), ctx)
        guard let type = req.headers.contentType, type.type == "application", ["merge-patch+json", "json"].contains(type.subType) else {
            throw Abort(.unsupportedMediaType, reason: "Send the changes as application/merge-patch+json.")
        }
        let patch = try req.decodeJSON(JSONValue.self)
        guard case .object = patch else { throw Abort(.badRequest, reason: "The body must be a JSON object.") }
        let current = try JSONValue(encoding: try await detail(ctx, project).brief)
        return try await save(ctx, project, try current.merged(with: patch).decode(DTO.ProjectInput.self))
    }

    private func save(_ ctx: ActionContext, _ project: ProjectRecord, _ input: DTO.ProjectInput) async throws -> DTO.ProjectDetail {
        let id = ProjectID(try project.requireID())
        let saved = try await ProjectsService.update(id, with: try await resolve(ctx, input, for: project.state), keepingInternTest: true, ctx)
        return try await detail(ctx, try await reloaded(ctx, saved))
    }

    /// The JSON body as a brief and its audience, with errors named by JSON path.
    private func resolve(_ ctx: ActionContext, _ input: DTO.ProjectInput, for state: ProjectState) async throws -> ProjectDraft {
        try input.checkShape()
        do {
            return try await ProjectAuthors.resolve(input.briefInput, for: state, ctx)
        } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { FieldError(DTO.ProjectInput.jsonPath($0.field), $0.message) })
        }
    }

    /// The project as stored now, with its organization and skills loaded.
    private func reloaded(_ ctx: ActionContext, _ project: ProjectRecord) async throws -> ProjectRecord {
        guard let fresh = try await Projects.find(id: project.requireID(), on: ctx.db) else { throw ActionError.notFound }
        return fresh
    }

    func move(_ req: Request, to target: ProjectState) async throws -> DTO.ProjectDetail {
        let ctx = try await req.signedInContext()
        let project = try await ProjectsService.transition(try req.projectID(), to: target, ctx)
        return try await detail(ctx, project)
    }
}
