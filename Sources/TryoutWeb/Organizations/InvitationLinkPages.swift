import Foundation
import TryoutApp
import Vapor

/// The page an invitation link opens and accepting it, for either kind of invitation: the
/// member and student controllers differ only in their addresses and what they say afterwards.
struct InvitationLinkPages<Kind: InvitationKind> {
    /// This page's address for a token, to come back to after signing in.
    let page: @Sendable (String) -> String
    /// Where the accept form posts, for a token.
    let accept: @Sendable (String) -> String

    func show(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let invitation = try await InvitationFlow<Kind>.open(token: token, req.actionContext)
        let organization = invitation.organization.name
        let view = InvitationPage(csrf: try await req.csrfToken(), organizationName: organization, joiningAs: Kind.joiningAs(invitation),
                                  email: invitation.email, link: page(token), accept: accept(token), signedInEmail: req.user?.email)
        return try await req.render("Join \(organization)", view)
    }

    /// Accepts for the signed-in person; the invitation, with its organization.
    func accept(_ req: Request) async throws -> Kind.Record {
        let token = req.parameters.get("token") ?? ""
        // A link that cannot be used says so before asking who opened it.
        _ = try await InvitationFlow<Kind>.open(token: token, req.actionContext)
        return try await InvitationFlow<Kind>.accept(token: token, try await req.signedInContext())
    }
}
