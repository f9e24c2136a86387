import TryoutApp
import TryoutCore
import Vapor

/// `GET /api/v1/skills`: ESCO skills by label or alternative label, for autocomplete. The
/// taxonomy is public, so no token is needed; the forms' script calls it as people type.
struct SkillsAPIController: RouteCollection {
    struct Parameters: Content {
        var q: String?
        var limit: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Skills.api(.search), use: search)
    }

    func search(req: Request) async throws -> DTO.SkillList {
        let parameters = try req.query.decode(Parameters.self)
        let query = try SkillQuery.validate(q: parameters.q, limit: parameters.limit)
        return DTO.SkillList(items: try await TaxonomyService.search(query, req.actionContext).map(DTO.SkillMatch.init))
    }
}
