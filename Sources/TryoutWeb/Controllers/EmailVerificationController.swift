import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Proving an address: the link from the sign-up e-mail, and asking for another one.
struct EmailVerificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("email", "verify", ":token", use: verify)
        routes.grouped(RequireSignedInMiddleware()).post("settings", "email", "verification", use: resend)
    }

    /// A GET, as mail clients open links: using the link up is all it does.
    func verify(req: Request) async throws -> Response {
        guard let user = try await AccountSecurity.verifyEmail(token: req.parameters.get("token") ?? "", at: req.now, on: req.db) else {
            throw Abort(.notFound, reason: "This confirmation link has expired or was already used. Sign in and ask for a new one under Settings.")
        }
        try await AuditLog.record(req.auditEntry(.emailVerified, actor: user), at: req.now, on: req.db)
        try await req.flash("Your e-mail address \(user.email) is confirmed.")
        // Where a new account starts: its organization, or the candidate's settings.
        let memberships = try await Accounts.memberships(userID: try user.requireID(), on: req.db)
        let start = memberships.first.map { SiteURL.members($0.organization.slug).path } ?? SiteURL.settings.path
        if req.user?.id == user.id { return req.redirect(to: start) }
        return req.redirect(to: SiteURL.signIn.path + "?next=" + (start.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }

    func resend(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.emailVerifiedAt == nil else {
            try await req.flash("Your e-mail address is already confirmed.")
            return req.redirect(to: SiteURL.settings.path)
        }
        let key = try user.requireID().uuidString
        let now = req.now
        if let wait = try await AccountSecurity.retryAfter(.verificationResend, key: key, limit: RequestLimits.verificationResend, at: now, on: req.db) {
            try await req.flash(AccountController.waitMessage("We have sent several links already", wait), .error)
            return req.redirect(to: SiteURL.settings.path)
        }
        try await req.db.transaction { tx in
            try await AccountSecurity.record(.verificationResend, key: key, at: now, on: tx)
            try await AccountMail.confirmAddress(req, to: user, at: now, on: tx)
        }
        try await req.flash("We have sent a new link to \(user.email). It works for 24 hours.")
        return req.redirect(to: SiteURL.settings.path)
    }
}

extension Request {
    /// The signed-in user, if their address is proved: what is shared by address, and what
    /// acts in others' names (applying, joining, tokens, calendar feeds), waits for that.
    func requireVerifiedUser() throws -> UserRecord {
        let user = try requireUser()
        guard user.emailVerifiedAt != nil else {
            throw Abort(.forbidden, reason: "Confirm your e-mail address first: open the link we sent to \(user.email), or ask for a new one under Settings.")
        }
        return user
    }
}
