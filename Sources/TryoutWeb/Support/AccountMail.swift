import FluentKit
import Foundation
import TryoutStore
import Vapor

/// The e-mails about a person's own account, written in the caller's transaction.
enum AccountMail {
    static func confirmAddress(_ req: Request, to user: UserRecord, at now: Date, on db: any Database) async throws {
        let token = try await AccountSecurity.createEmailVerification(userID: try user.requireID(), at: now, on: db)
        try await Mailer.send(req, to: user.email, subject: "Confirm your e-mail address for Tryout", body: """
            Welcome to Tryout, \(user.displayName). Open this link within 24 hours to confirm that this address is yours:

            \(SiteURL.verifyEmail(token: token.value).absolute(base: req.tryout.publicURL))

            Until you do, you can sign in and look around, but not apply, join an organization or create API tokens.
            If you did not sign up, ignore this message and nothing more will happen.
            """, at: now, on: db)
    }

    /// Sent instead of a second account: the sign-up form answers the same either way, so only
    /// the address's owner learns that it already has one.
    static func alreadyRegistered(_ req: Request, to user: UserRecord, at now: Date, on db: any Database) async throws {
        try await Mailer.send(req, to: user.email, subject: "You already have a Tryout account", body: """
            Someone, perhaps you, tried to create a Tryout account with this address, which already has one.

            To sign in: \(SiteURL.signIn.absolute(base: req.tryout.publicURL))
            Forgot the password? \(SiteURL.forgotPassword.absolute(base: req.tryout.publicURL))

            If it was not you, nothing has changed and you need do nothing.
            """, at: now, on: db)
    }

    static func passwordChanged(_ req: Request, to user: UserRecord, at now: Date, on db: any Database) async throws {
        try await Mailer.send(req, to: user.email, subject: "Your Tryout password was changed", body: """
            The password of your Tryout account was changed. To keep the account yours, we have also signed it out on every
            other device, revoked its API tokens and turned off its calendar address; earlier password reset links no longer work.
            Create new tokens or a new calendar address under Settings when you need them.

            If you did not change it, reset the password now: \(SiteURL.forgotPassword.absolute(base: req.tryout.publicURL))
            """, at: now, on: db)
    }

    /// What the page says after a password change, matching the e-mail.
    static let revokedNotice = "Every other device was signed out, your API tokens were revoked and your calendar address was turned off."
}
