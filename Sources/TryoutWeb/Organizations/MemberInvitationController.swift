import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// The page a member invitation e-mail links to, and accepting it.
struct MemberInvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Organizations.invitation(.key), use: show)
        routes.post(SiteURL.Organizations.acceptInvitation(.key), use: accept)
    }

    func show(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let invitation = try await InvitationFlow<MemberInvitation>.open(token: token, req.actionContext)
        let page = InvitationPage(csrf: try await req.csrfToken(), organizationName: invitation.organization.name,
                                  joiningAs: MemberInvitation.joiningAs(invitation), email: invitation.email,
                                  link: SiteURL.organizations(.invitation(.value(token))).path,
                                  accept: SiteURL.organizations(.acceptInvitation(.value(token))).path, signedInEmail: req.user?.email)
        return try await req.render("Join \(invitation.organization.name)", page)
    }

    func accept(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        // A link that cannot be used says so before asking who opened it.
        _ = try await InvitationFlow<MemberInvitation>.open(token: token, req.actionContext)
        let invitation = try await InvitationFlow<MemberInvitation>.accept(token: token, try await req.signedInContext())
        try await req.flash("Welcome to \(invitation.organization.name).")
        return req.redirect(to: SiteURL.organizations(.organization(.value(invitation.organization.slug), .members)).path)
    }
}
