import FluentKit
import Foundation
import TryoutStore

/// The e-mails about a person's own account, written in the caller's transaction.
enum AccountMail {
    static func confirmAddress(_ user: UserRecord, next: String? = nil, _ ctx: ActionContext) async throws {
        let token = try await AccountSecurity.createEmailVerification(userID: try user.requireID(), at: ctx.now, on: ctx.db)
        try await ctx.mail.send(to: user.email, subject: "Confirm your e-mail address for Tryout", body: """
            Welcome to Tryout, \(user.displayName). Open this link within 24 hours to confirm that this address is yours:

            \(ctx.mail.links.verifyEmail(token: token.value, next: next))

            Until you do, you can sign in and look around, but not apply, join an organization or create API tokens.
            If you did not sign up, ignore this message and nothing more will happen.
            """, at: ctx.now, on: ctx.db)
    }

    /// Sent instead of a second account: the sign-up form answers the same either way, so only
    /// the address's owner learns that it already has one.
    static func alreadyRegistered(_ user: UserRecord, _ ctx: ActionContext) async throws {
        try await ctx.mail.send(to: user.email, subject: "You already have a Tryout account", body: """
            Someone, perhaps you, tried to create a Tryout account with this address, which already has one.

            To sign in: \(ctx.mail.links.signIn)
            Forgot the password? \(ctx.mail.links.forgotPassword)

            If it was not you, nothing has changed and you need do nothing.
            """, at: ctx.now, on: ctx.db)
    }

    static func resetLink(_ user: UserRecord, _ ctx: ActionContext) async throws {
        let token = try await Accounts.createPasswordReset(userID: try user.requireID(), at: ctx.now, on: ctx.db)
        try await ctx.mail.send(to: user.email, subject: "Reset your Tryout password", body: """
            Someone asked to reset the password of your Tryout account. If it was you, open this link within an hour:

            \(ctx.mail.links.resetPassword(token: token.value))

            Choosing a new password signs the account out everywhere, revokes its API tokens and turns off its calendar address.
            If it was not you, ignore this message; your password stays as it is.
            """, at: ctx.now, on: ctx.db)
    }

    static func passwordChanged(_ user: UserRecord, _ ctx: ActionContext) async throws {
        try await ctx.mail.send(to: user.email, subject: "Your Tryout password was changed", body: """
            The password of your Tryout account was changed. To keep the account yours, we have also signed it out on every
            other device, revoked its API tokens and turned off its calendar address; earlier password reset links no longer work.
            Create new tokens or a new calendar address under Settings when you need them.

            If you did not change it, reset the password now: \(ctx.mail.links.forgotPassword)
            """, at: ctx.now, on: ctx.db)
    }
}

extension AccountsService {
    /// What the page says after a password change, matching the e-mail.
    public static let revokedNotice = "Every other device was signed out, your API tokens were revoked and your calendar address was turned off."
}
