import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// `/api/v1/me/profile`: a candidate's own profile, read and replaced whole.
struct ProfileAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        me.get(SiteURL.Profiles.api(.profile), use: show)
        me.on(.PUT, SiteURL.Profiles.api(.profile), use: update)
    }

    func show(req: Request) async throws -> DTO.Profile {
        let ctx = try await req.signedInContext()
        return DTO.Profile(try await ProfilesService.profile(of: try await ProfilesService.owner(ctx), ctx))
    }

    func update(req: Request) async throws -> DTO.Profile {
        let ctx = try await req.signedInContext()
        let owner = try await ProfilesService.owner(ctx)
        let input = try req.decodeJSON(DTO.ProfileInput.self)
        try input.checkShape()
        do {
            return DTO.Profile(try await ProfilesService.save(input.formInput, for: owner, ctx))
        } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { FieldError(DTO.ProjectInput.jsonPath($0.field), $0.message) })
        }
    }
}
