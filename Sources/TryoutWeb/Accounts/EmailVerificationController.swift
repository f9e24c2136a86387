import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Proving an address: the link from the sign-up e-mail, and asking for another one.
struct EmailVerificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Accounts.verifyEmail(.key), use: verify)
        routes.grouped(RequireSignedInMiddleware()).post(SiteURL.Accounts.resendVerification, use: resend)
    }

    /// A GET, as mail clients open links: using the link up is all it does.
    func verify(req: Request) async throws -> Response {
        guard let user = try await AccountsService.verifyEmail(token: req.parameters.get("token") ?? "", req.actionContext) else {
            throw Abort(.notFound, reason: "This confirmation link has expired or was already used. Sign in and ask for a new one under Settings.")
        }
        try await req.flash("Your e-mail address \(user.email) is confirmed.")
        // Where a new account starts: its organization, or the candidate's first steps, which end
        // on the page they signed up from.
        let memberships = try await AccountsService.memberships(of: user, req.actionContext)
        let next = RedirectTarget.samePath(req.query[String.self, at: "next"])
        let start = memberships.first.map { SiteURL.organizations(.organization(.value($0.organization.slug), .members)).path }
            ?? SiteURL.Profiles.start(next: next).path
        if req.user?.id == user.id { return req.redirect(to: start) }
        return req.redirect(to: SiteURL.accounts(.signIn(next: start)).path)
    }

    func resend(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.emailVerifiedAt == nil else {
            try await req.flash("Your e-mail address is already confirmed.")
            return req.redirect(to: SiteURL.accounts(.settings).path)
        }
        do {
            try await AccountsService.resendVerification(user, req.actionContext)
        } catch AccountRefusal.tooMany(let wait) {
            try await req.flash(waitMessage("We have sent several links already", wait), .error)
            return req.redirect(to: SiteURL.accounts(.settings).path)
        }
        try await req.flash("We have sent a new link to \(user.email). It works for 24 hours.")
        return req.redirect(to: SiteURL.accounts(.settings).path)
    }
}

extension Request {
    /// The signed-in user, if their address is proved: what is shared by address, and what
    /// acts in others' names (applying, joining, tokens, calendar feeds), waits for that.
    func requireVerifiedUser() throws -> UserRecord {
        let user = try requireUser()
        try AccountsService.requireConfirmed(user)
        return user
    }
}
