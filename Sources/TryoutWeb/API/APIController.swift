import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1`: the same capabilities as the pages, for scripts holding a personal token.
/// Every route is described in `Resources/openapi.json`; a test keeps the two in step.
struct APIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get("me", use: me)
        api.get("tokens", use: tokens)
        api.post("tokens", use: createToken)
        api.delete("tokens", ":tokenID", use: revokeToken)

        let org = api.grouped("organizations", ":slug")
        org.get("members", use: members)
        org.patch("members", ":memberID", use: changeRole)
        org.delete("members", ":memberID", use: removeMember)
        org.get("invitations", use: invitations)
        org.post("invitations", use: invite)
        org.delete("invitations", ":invitationID", use: revokeInvitation)
        org.get("audit-events", use: auditEvents)

        api.get("admin", "organizations", use: adminOrganizations)
        api.put("admin", "organizations", ":organizationID", "status", use: setStatus)
    }

    func me(req: Request) async throws -> DTO.Me {
        let user = try req.requireUser()
        let memberships = try await Accounts.memberships(userID: try user.requireID(), on: req.db).map {
            DTO.Membership(organizationID: $0.$organization.id, organizationSlug: $0.organization.slug,
                           organizationName: $0.organization.name, role: $0.role)
        }
        return DTO.Me(id: try user.requireID(), email: user.email, displayName: user.displayName,
                      isPlatformAdmin: user.isPlatformAdmin, memberships: memberships)
    }

    func tokens(req: Request) async throws -> [DTO.Token] {
        try await Accounts.tokens(userID: try req.requireUser().requireID(), on: req.db).map(DTO.Token.init)
    }

    func createToken(req: Request) async throws -> Response {
        let body = try req.decodeJSON(DTO.NewToken.self)
        let (record, secret) = try await TokensService.create(for: try req.requireUser(), name: body.name, req.actionContext)
        return try await DTO.CreatedToken(token: .init(record), secret: secret).created(at: "tokens", try record.requireID(), for: req)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("tokenID", as: UUID.self),
              try await TokensService.revoke(id, of: try req.requireUser(), req.actionContext) != nil else { throw Abort(.notFound) }
        return .noContent
    }

    private func organization(_ req: Request, _ action: (UUID) -> Action) async throws -> OrganizationRecord {
        try await Memberships.organization(req, slug: req.parameters.get("slug"), for: action)
    }

    func members(req: Request) async throws -> [DTO.Member] {
        let org = try await organization(req, Action.viewOrganization)
        return try await Organizations.members(of: try org.requireID(), on: req.db).map(DTO.Member.init)
    }

    func changeRole(req: Request) async throws -> DTO.Member {
        let org = try await organization(req, Action.manageMembers)
        let body = try req.decodeJSON(DTO.RoleChange.self)
        let member = try await Memberships.changeRole(req, org: org, memberID: req.parameters.get("memberID", as: UUID.self), role: body.role)
        return DTO.Member(member)
    }

    func removeMember(req: Request) async throws -> HTTPStatus {
        let org = try await organization(req, Action.viewOrganization)
        try await Memberships.remove(req, org: org, memberID: req.parameters.get("memberID", as: UUID.self))
        return .noContent
    }

    func invitations(req: Request) async throws -> [DTO.Invitation] {
        let org = try await organization(req, Action.manageMembers)
        return try await Organizations.pendingInvitations(of: try org.requireID(), at: req.now, on: req.db).map(DTO.Invitation.init)
    }

    func invite(req: Request) async throws -> Response {
        let org = try await organization(req, Action.manageMembers)
        let body = try req.decodeJSON(DTO.NewInvitation.self)
        let invitation = try await Memberships.invite(req, org: org, email: body.email, role: body.role)
        return try await DTO.Invitation(invitation).created(at: "organizations", org.slug, "invitations", try invitation.requireID(), for: req)
    }

    func revokeInvitation(req: Request) async throws -> HTTPStatus {
        let org = try await organization(req, Action.manageMembers)
        try await Memberships.revokeInvitation(req, org: org, id: req.parameters.get("invitationID", as: UUID.self))
        return .noContent
    }

    func auditEvents(req: Request) async throws -> [DTO.AuditEvent] {
        let org = try await organization(req, Action.readAuditLog)
        let audit = try await OrganizationAudit.load(req, org)
        return audit.events.map { DTO.AuditEvent($0, ip: audit.address($0)) }
    }

    func adminOrganizations(req: Request) async throws -> [DTO.Organization] {
        try await req.authorize(.moderatePlatform)
        return try await Organizations.all(on: req.db).map(DTO.Organization.init)
    }

    func setStatus(req: Request) async throws -> DTO.Organization {
        try await req.authorize(.moderatePlatform)
        let body = try req.decodeJSON(DTO.StatusChange.self)
        return DTO.Organization(try await Memberships.setStatus(req, organizationID: req.parameters.get("organizationID", as: UUID.self), status: body.status))
    }
}
