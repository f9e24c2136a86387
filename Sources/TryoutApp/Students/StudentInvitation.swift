import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// An invitation to become one of a partner's students.
public enum StudentInvitation: InvitationKind {
    public typealias Record = StudentInvitationRecord
    public typealias Tag = Entity.StudentInvitation

    public static let askForANewOne = "Ask your school for a new one."
    public static let revokedAction = AuditAction.studentInvitationRevoked
    public static let purpose = ", to see the paid projects employers share with it"

    public static func joiningAs(_ invitation: StudentInvitationRecord) -> String { "a student" }

    public static func link(token: String, _ links: any InvitationLinks) -> String { links.studentInvitation(token: token) }

    public static func grant(_ invitation: StudentInvitationRecord, to user: UserRecord, _ ctx: ActionContext) async throws {
        try await PartnerStudents.accept(invitation, userID: try user.requireID(), at: ctx.now, on: ctx.db)
        try await ctx.audit(.studentJoined, by: user, organizationID: invitation.organizationID, detail: user.email)
    }
}
