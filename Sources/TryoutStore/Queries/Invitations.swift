import FluentKit
import Foundation
import TryoutCore

/// What member and student invitations share: an e-mailed link for one address, kept as a hash,
/// that works until it expires, is revoked or is used. Both tables have the same columns for it,
/// so one set of queries serves both.
public protocol InvitationModel: Model, Sendable where IDValue == UUID {
    var email: String { get }
    var organizationID: UUID { get }
    var expiresAt: Date { get }
    var acceptedAt: Date? { get set }
    var revokedAt: Date? { get set }
    /// The organization, once a query loaded it.
    var organization: OrganizationRecord { get }
    static var organizationParent: KeyPath<Self, ParentProperty<Self, OrganizationRecord>> { get }
}

extension InvitationModel {
    public func isPending(at now: Date) -> Bool {
        acceptedAt == nil && revokedAt == nil && expiresAt > now
    }
}

extension InvitationRecord: InvitationModel {
    public var organizationID: UUID { $organization.id }
    public static var organizationParent: KeyPath<InvitationRecord, ParentProperty<InvitationRecord, OrganizationRecord>> { \.$organization }
}

extension StudentInvitationRecord: InvitationModel {
    public var organizationID: UUID { $organization.id }
    public static var organizationParent: KeyPath<StudentInvitationRecord, ParentProperty<StudentInvitationRecord, OrganizationRecord>> {
        \.$organization
    }
}

/// The queries of either kind of invitation.
public enum Invitations {
    /// Saves `invitation` after revoking the address's pending one, so that only the newest link
    /// works. Call inside a transaction.
    public static func issue<Record: InvitationModel>(_ invitation: Record, at now: Date, on db: any Database) async throws {
        try await Record.query(on: db)
            .filter("organization_id", .equal, invitation.organizationID).filter("email", .equal, invitation.email)
            .filter(.path(["accepted_at"], schema: Record.schema), .equal, .null)
            .filter(.path(["revoked_at"], schema: Record.schema), .equal, .null)
            .set(["revoked_at": .bind(now)])
            .update()
        try await invitation.create(on: db)
    }

    /// The organization's invitations still waiting for an answer, newest first.
    public static func pending<Record: InvitationModel>(_: Record.Type, of orgID: UUID, at now: Date,
                                                        on db: any Database) async throws -> [Record] {
        try await Record.query(on: db)
            .filter("organization_id", .equal, orgID)
            .filter(.path(["accepted_at"], schema: Record.schema), .equal, .null)
            .filter(.path(["revoked_at"], schema: Record.schema), .equal, .null)
            .filter("expires_at", .greaterThan, now)
            .sort("created_at", .descending)
            .all()
    }

    public static func find<Record: InvitationModel>(_: Record.Type, id: UUID, in orgID: UUID, on db: any Database) async throws -> Record? {
        try await Record.query(on: db).filter(.id, .equal, id).filter("organization_id", .equal, orgID).first()
    }

    /// The invitation an e-mailed link carries, with its organization.
    public static func find<Record: InvitationModel>(_: Record.Type, token: String, on db: any Database) async throws -> Record? {
        try await Record.query(on: db).filter("token_hash", .equal, SecretToken.hash(token)).with(Record.organizationParent).first()
    }
}
