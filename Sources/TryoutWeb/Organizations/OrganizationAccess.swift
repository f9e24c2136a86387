import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The organization a request under `/orgs/:slug` is about, for every feature there.
enum Memberships {
    /// The organization at `slug` if the signed-in person may take `action` on it; 404 otherwise.
    static func organization(_ req: Request, slug: String?, for action: (UUID) -> Action) async throws -> OrganizationRecord {
        try await OrganizationsService.organization(slug: slug, for: action, try await req.visitorContext())
    }
}

extension Request {
    /// The addresses invitation e-mails link to, on this site.
    var invitationLinks: any InvitationLinks { SiteMailLinks(base: tryout.publicURL) }
}

extension SiteMailLinks: InvitationLinks {
    func memberInvitation(token: String) -> String { SiteURL.organizations(.invitation(.value(token))).absolute(base: base) }
    func studentInvitation(token: String) -> String { SiteURL.students(.invitation(.value(token))).absolute(base: base) }
}
