import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// An invitation to join an organization's staff in a role.
public enum MemberInvitation: InvitationKind {
    public typealias Record = InvitationRecord
    public typealias Tag = Entity.Invitation

    public static let askForANewOne = "Ask for a new one."
    public static let revokedAction = AuditAction.invitationRevoked
    public static let purpose = ""

    public static func joiningAs(_ invitation: InvitationRecord) -> String { invitation.role.label.lowercased() }

    public static func link(token: String, _ links: any InvitationLinks) -> String { links.memberInvitation(token: token) }

    public static func grant(_ invitation: InvitationRecord, to user: UserRecord, _ ctx: ActionContext) async throws {
        try await Organizations.addMember(orgID: invitation.organizationID, userID: try user.requireID(), role: invitation.role,
                                          at: ctx.now, on: ctx.db)
        invitation.acceptedAt = ctx.now
        try await invitation.save(on: ctx.db)
        try await ctx.audit(.memberJoined, by: user, organizationID: invitation.organizationID, detail: invitation.role.label)
    }
}
