import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The person's own account over `/api/v1`, for scripts holding a personal token. Every API
/// route is described in `Resources/openapi.json`; a test keeps the two in step.
struct AccountsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(SiteURL.Accounts.api(.me), use: me)
        api.get(SiteURL.Accounts.api(.tokens), use: tokens)
        api.post(SiteURL.Accounts.api(.tokens), use: createToken)
        api.on(.DELETE, SiteURL.Accounts.api(.token(.key)), use: revokeToken)
    }

    func me(req: Request) async throws -> DTO.Me {
        let user = try req.requireUser()
        let memberships = try await AccountsService.memberships(of: user, req.actionContext).map {
            DTO.Membership(organizationID: $0.$organization.id, organizationSlug: $0.organization.slug,
                           organizationName: $0.organization.name, role: $0.role)
        }
        return DTO.Me(id: try user.requireID(), email: user.email, displayName: user.displayName,
                      isPlatformAdmin: user.isPlatformAdmin, memberships: memberships)
    }

    func tokens(req: Request) async throws -> [DTO.Token] {
        try await TokensService.list(of: try req.requireUser(), req.actionContext).map(DTO.Token.init)
    }

    func createToken(req: Request) async throws -> Response {
        let body = try req.decodeJSON(DTO.NewToken.self)
        let (record, secret) = try await TokensService.create(for: try req.requireUser(), name: body.name, req.actionContext)
        return try await DTO.CreatedToken(token: .init(record), secret: secret).created(at: "tokens", try record.requireID(), for: req)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("tokenID", as: APITokenID.self) else { throw Abort(.notFound) }
        try await TokensService.revoke(id, of: try req.requireUser(), req.actionContext)
        return .noContent
    }
}
