import Foundation
import TryoutApp
import Vapor

/// The page a member invitation e-mail links to, and accepting it.
struct MemberInvitationController: RouteCollection {
    private let pages = InvitationLinkPages<MemberInvitation>(page: { SiteURL.organizations(.invitation(.value($0))).path },
                                                              accept: { SiteURL.organizations(.acceptInvitation(.value($0))).path })

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Organizations.invitation(.key), use: pages.show)
        routes.post(SiteURL.Organizations.acceptInvitation(.key), use: accept)
    }

    func accept(req: Request) async throws -> Response {
        let organization = try await pages.accept(req).organization
        try await req.flash("Welcome to \(organization.name).")
        return req.redirect(to: SiteURL.organizations(.organization(.value(organization.slug), .members)).path)
    }
}
