import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1/organizations/:slug/…` and the platform admin's `/api/v1/admin/organizations`: the
/// same services as the pages, for scripts holding a personal token.
struct OrganizationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(SiteURL.Organizations.api(.members(.key)), use: members)
        api.on(.PATCH, SiteURL.Organizations.api(.member(.key, .key)), use: changeRole)
        api.on(.DELETE, SiteURL.Organizations.api(.member(.key, .key)), use: removeMember)
        api.get(SiteURL.Organizations.api(.invitations(.key)), use: invitations)
        api.post(SiteURL.Organizations.api(.invitations(.key)), use: invite)
        api.on(.DELETE, SiteURL.Organizations.api(.invitation(.key, .key)), use: revokeInvitation)
        api.get(SiteURL.Organizations.api(.auditEvents(.key)), use: auditEvents)
        api.get(SiteURL.Admin.api(.organizations), use: adminOrganizations)
        api.on(.PUT, SiteURL.Admin.api(.organizationStatus(.key)), use: setStatus)
    }

    /// The organization at `:slug` if the token's owner may take `action` on it, with the context to act in.
    private func organization(_ req: Request, _ action: (UUID) -> Action) async throws -> (OrganizationRecord, ActionContext) {
        let ctx = try await req.visitorContext()
        return (try await OrganizationsService.organization(slug: req.parameters.get("slug"), for: action, ctx), ctx)
    }

    func members(req: Request) async throws -> [DTO.Member] {
        let (org, ctx) = try await organization(req, Action.viewOrganization)
        return try await OrganizationsService.members(of: org, ctx).map(DTO.Member.init)
    }

    func changeRole(req: Request) async throws -> DTO.Member {
        let (org, ctx) = try await organization(req, Action.manageMembers)
        let body = try req.decodeJSON(DTO.RoleChange.self)
        return try DTO.Member(try await OrganizationsService.changeRole(of: req.parameters.get("memberID", as: MemberID.self), to: body.role,
                                                                       in: org, ctx))
    }

    func removeMember(req: Request) async throws -> HTTPStatus {
        let (org, ctx) = try await organization(req, Action.viewOrganization)
        try await OrganizationsService.remove(req.parameters.get("memberID", as: MemberID.self), from: org, ctx)
        req.authState.principal = nil
        return .noContent
    }

    func invitations(req: Request) async throws -> [DTO.Invitation] {
        let (org, ctx) = try await organization(req, Action.manageMembers)
        return try await InvitationFlow<MemberInvitation>.pending(in: org, ctx).map(DTO.Invitation.init)
    }

    func invite(req: Request) async throws -> Response {
        let (org, ctx) = try await organization(req, Action.manageMembers)
        let body = try req.decodeJSON(DTO.NewInvitation.self)
        let invitation = try await OrganizationsService.invite(email: body.email, role: body.role, to: org, links: req.invitationLinks, ctx)
        return try await DTO.Invitation(invitation).created(at: "organizations", org.slug, "invitations", try invitation.requireID(), for: req)
    }

    func revokeInvitation(req: Request) async throws -> HTTPStatus {
        let (org, ctx) = try await organization(req, Action.manageMembers)
        _ = try await InvitationFlow<MemberInvitation>.revoke(req.parameters.get("invitationID", as: InvitationID.self), in: org, ctx)
        return .noContent
    }

    func auditEvents(req: Request) async throws -> [DTO.AuditEvent] {
        let (org, ctx) = try await organization(req, Action.readAuditLog)
        let log = try await OrganizationsService.auditLog(of: org, ctx)
        return try log.events.map { try DTO.AuditEvent($0, ip: log.address($0)) }
    }

    func adminOrganizations(req: Request) async throws -> [DTO.Organization] {
        try await PlatformAdminService.organizations(try await req.visitorContext()).map(DTO.Organization.init)
    }

    func setStatus(req: Request) async throws -> DTO.Organization {
        let ctx = try await req.visitorContext()
        // A script that may not moderate learns nothing, whatever it sent.
        try PlatformAdminService.requireModerator(ctx)
        let body = try req.decodeJSON(DTO.StatusChange.self)
        return try DTO.Organization(try await PlatformAdminService.setStatus(of: req.parameters.get("organizationID", as: OrganizationID.self),
                                                                            to: body.status, ctx))
    }
}
