import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Why an invitation link cannot be used, worded for the person who opened it.
public enum InvitationRefusal: Error, Equatable, Sendable {
    /// Expired, revoked or already used; the reason says whom to ask for a new one.
    case unusable(String)
    /// Opened by an account with another address than the one invited.
    case sentToAnotherAddress(String)
}

/// The addresses invitation e-mails link to: the web layer knows its routes.
public protocol InvitationLinks: Sendable {
    func memberInvitation(token: String) -> String
    func studentInvitation(token: String) -> String
}

/// What differs between the invitations an organization sends (to members, to students): the
/// record, the wording and what accepting grants. Everything else is `InvitationFlow`.
public protocol InvitationKind: Sendable {
    associatedtype Record: InvitationModel
    /// The entity its typed identifiers name.
    associatedtype Tag
    /// Whom to ask for another link, once one cannot be used.
    static var askForANewOne: String { get }
    static var revokedAction: AuditAction { get }
    /// Why the person is invited, after what they become, in the e-mail ("" when plain).
    static var purpose: String { get }
    /// What accepting makes the person: "reviewer", "a student".
    static func joiningAs(_ invitation: Record) -> String
    static func link(token: String, _ links: any InvitationLinks) -> String
    /// Gives `user` what the invitation offers, marks it used and records who joined, in the
    /// accepting action's transaction.
    static func grant(_ invitation: Record, to user: UserRecord, _ ctx: ActionContext) async throws
}

/// The one invitation flow of members and students: mailing a link, the pending links, revoking
/// one, opening one and accepting it.
public enum InvitationFlow<Kind: InvitationKind> {
    /// Mails the link for `invitation`, in the inviting action's transaction.
    static func mail(_ invitation: Kind.Record, token: SecretToken, org: OrganizationRecord, inviter: UserRecord,
                     links: any InvitationLinks, _ ctx: ActionContext) async throws {
        try await ctx.mail.send(to: invitation.email, subject: "Join \(org.name) on Tryout", body: """
            \(inviter.displayName) invited you to join \(org.name) on Tryout as \(Kind.joiningAs(invitation))\(Kind.purpose).

            Accept within 7 days: \(Kind.link(token: token.value, links))
            """, at: ctx.now, on: ctx.db)
    }

    /// The organization's links still waiting for an answer, newest first.
    public static func pending(in org: OrganizationRecord, _ ctx: ActionContext) async throws -> [Kind.Record] {
        try await Invitations.pending(Kind.Record.self, of: try org.requireID(), at: ctx.now, on: ctx.db)
    }

    /// Revokes a pending link of `org`; another organization's, or one no longer pending, is not found.
    /// The caller has checked that the person may manage the organization's invitations.
    public static func revoke(_ id: TypedID<Kind.Tag>?, in org: OrganizationRecord, _ ctx: ActionContext) async throws -> Kind.Record {
        let orgID = try org.requireID()
        guard let id, let invitation = try await Invitations.find(Kind.Record.self, id: id.uuid, in: orgID, on: ctx.db),
              invitation.isPending(at: ctx.now)
        else { throw ActionError.notFound }
        let actor = try await ctx.actingUser()
        return try await ctx.act(locking: .none) { ctx in
            invitation.revokedAt = ctx.now
            try await invitation.save(on: ctx.db)
            try await ctx.audit(Kind.revokedAction, by: actor, organizationID: orgID, detail: invitation.email)
            return invitation
        }
    }

    /// The invitation a link carries, with its organization, while the link can be used.
    public static func open(token: String, _ ctx: ActionContext) async throws -> Kind.Record {
        guard let invitation = try await Invitations.find(Kind.Record.self, token: token, on: ctx.db), invitation.isPending(at: ctx.now) else {
            throw InvitationRefusal.unusable("This invitation has expired, was revoked or was already used. \(Kind.askForANewOne)")
        }
        return invitation
    }

    /// Accepts the invitation for the signed-in person: the link alone is not enough, it must be
    /// opened by the account it was sent to, whose address is proved.
    public static func accept(token: String, _ ctx: ActionContext) async throws -> Kind.Record {
        let invitation = try await open(token: token, ctx)
        let user = try await ctx.actingUser()
        guard user.email == invitation.email else { throw InvitationRefusal.sentToAnotherAddress(invitation.email) }
        try AccountsService.requireConfirmed(user)
        return try await ctx.act(locking: .none) { ctx in
            try await Kind.grant(invitation, to: user, ctx)
            return invitation
        }
    }
}
