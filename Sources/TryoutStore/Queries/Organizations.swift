import FluentKit
import Foundation
import TryoutCore

/// Organizations, their members and invitations.
public enum Organizations {
    public static func find(slug: String, on db: any Database) async throws -> OrganizationRecord? {
        try await OrganizationRecord.query(on: db).filter(\.$slug == slug).first()
    }

    public static func all(on db: any Database) async throws -> [OrganizationRecord] {
        try await OrganizationRecord.query(on: db).sort(\.$name).all()
    }

    /// Partner organizations by name, as a brief's author chooses whom to share it with.
    public static func partners(on db: any Database) async throws -> [(name: String, slug: String)] {
        try await OrganizationRecord.query(on: db).filter(\.$kind == .partner).sort(\.$name).field(\.$name).field(\.$slug).all()
            .map { ($0.name, $0.slug) }
    }

    /// A slug not yet taken: the name's own, or with a number after it.
    public static func freeSlug(for name: String, on db: any Database) async throws -> String {
        let base = Slug.make(from: name)
        var candidate = base
        var counter = 2
        while try await find(slug: candidate, on: db) != nil {
            candidate = "\(base.prefix(Slug.maximumLength - 4))-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// Creates the organization with `ownerID` as its first owner. Call inside a transaction.
    public static func create(kind: OrganizationKind, name: String, ownerID: UUID, at now: Date, on db: any Database) async throws -> OrganizationRecord {
        let org = OrganizationRecord(kind: kind, name: name, slug: try await freeSlug(for: name, on: db), createdAt: now)
        try await org.create(on: db)
        try await MemberRecord(organizationID: try org.requireID(), userID: ownerID, role: .owner, createdAt: now).create(on: db)
        return org
    }

    /// Saves the profile and pay floor. Call inside a transaction, with the audit entry.
    public static func update(_ org: OrganizationRecord, settings: OrganizationSettings, on db: any Database) async throws {
        org.description = settings.description
        org.website = settings.website
        org.payFloor = settings.payFloor
        org.showReviewerScores = settings.showReviewerScores
        org.showcaseWork = settings.showcaseWork
        try await org.save(on: db)
    }

    public static func members(of orgID: UUID, on db: any Database) async throws -> [MemberRecord] {
        try await Members(id: orgID).records(on: db)
    }

    /// Kept prepared: every engagement page and the organization's pages read them.
    struct Members: KeptRecordsWithParentRead {
        static let parent: KeyPath<MemberRecord, ParentProperty<MemberRecord, UserRecord>> = \.$user
        static let condition = "r.organization_id = $1 ORDER BY r.created_at"
        var id: UUID
    }

    public static func member(id: UUID, in orgID: UUID, on db: any Database) async throws -> MemberRecord? {
        try await MemberRecord.query(on: db)
            .filter(\.$id == id).filter(\.$organization.$id == orgID)
            .with(\.$user).first()
    }

    public static func ownerCount(of orgID: UUID, on db: any Database) async throws -> Int {
        try await MemberRecord.query(on: db).filter(\.$organization.$id == orgID).filter(\.$role == .owner).count()
    }

    public static func addMember(orgID: UUID, userID: UUID, role: MemberRole, at now: Date, on db: any Database) async throws {
        let existing = try await MemberRecord.query(on: db)
            .filter(\.$organization.$id == orgID).filter(\.$user.$id == userID).first()
        if existing == nil {
            try await MemberRecord(organizationID: orgID, userID: userID, role: role, createdAt: now).create(on: db)
        }
    }

    // MARK: Invitations

    /// Invites `email` into `role`, replacing the address's pending link. Call inside a transaction;
    /// returns the invitation with the token to e-mail.
    public static func createInvitation(orgID: UUID, email: EmailAddress, role: MemberRole, invitedBy: UUID,
                                        at now: Date, on db: any Database) async throws -> (InvitationRecord, SecretToken) {
        let token = SecretToken()
        let invitation = InvitationRecord(organizationID: orgID, email: email.value, role: role, tokenHash: token.hash,
                                          invitedBy: invitedBy, createdAt: now,
                                          expiresAt: now.addingTimeInterval(LinkLifetime.invitation))
        try await Invitations.issue(invitation, at: now, on: db)
        return (invitation, token)
    }
}
