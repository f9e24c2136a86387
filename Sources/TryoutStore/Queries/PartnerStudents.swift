import FluentKit
import Foundation
import TryoutCore

/// Partner organizations' students and the links that invite them.
public enum PartnerStudents {
    /// Invites each address, replacing its pending link so that only the newest works. Call
    /// inside a transaction; returns each invitation with the token to e-mail.
    public static func invite(_ emails: [EmailAddress], to orgID: UUID, invitedBy: UUID, at now: Date,
                              on db: any Database) async throws -> [(StudentInvitationRecord, SecretToken)] {
        var sent: [(StudentInvitationRecord, SecretToken)] = []
        for email in emails {
            let token = SecretToken()
            let invitation = StudentInvitationRecord(organizationID: orgID, email: email.value, tokenHash: token.hash, invitedBy: invitedBy,
                                                     createdAt: now, expiresAt: now.addingTimeInterval(LinkLifetime.invitation))
            try await Invitations.issue(invitation, at: now, on: db)
            sent.append((invitation, token))
        }
        return sent
    }

    /// Makes the user a student and uses up the link; a second link for the same school changes nothing.
    public static func accept(_ invitation: StudentInvitationRecord, userID: UUID, at now: Date, on db: any Database) async throws {
        let orgID = invitation.$organization.id
        let already = try await PartnerStudentRecord.query(on: db)
            .filter(\.$organization.$id == orgID).filter(\.$user.$id == userID).count() > 0
        if !already { try await PartnerStudentRecord(organizationID: orgID, userID: userID, createdAt: now).create(on: db) }
        invitation.acceptedAt = now
        try await invitation.save(on: db)
    }

    public static func students(of orgID: UUID, on db: any Database) async throws -> [PartnerStudentRecord] {
        try await PartnerStudentRecord.query(on: db).filter(\.$organization.$id == orgID).with(\.$user)
            .sort(\.$createdAt, .descending).all()
    }

    public static func student(id: UUID, in orgID: UUID, on db: any Database) async throws -> PartnerStudentRecord? {
        try await PartnerStudentRecord.query(on: db).filter(\.$id == id).filter(\.$organization.$id == orgID).with(\.$user).first()
    }

    /// The partner organizations the user studies with.
    public static func schools(of userID: UUID, on db: any Database) async throws -> [PartnerStudentRecord] {
        try await PartnerStudentRecord.query(on: db).filter(\.$user.$id == userID).with(\.$organization).all()
    }
}
