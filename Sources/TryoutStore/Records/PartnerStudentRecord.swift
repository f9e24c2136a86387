import FluentKit
import Foundation

/// A candidate who studies with a partner organization.
public final class PartnerStudentRecord: Model, @unchecked Sendable {
    public static let schema = "partner_students"
    public var properties: [any AnyProperty] { [$id, $organization, $user, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organizationID: UUID, userID: UUID, createdAt: Date) {
        self.$organization.id = organizationID
        self.$user.id = userID
        self.createdAt = createdAt
    }
}

/// An e-mailed link that makes whoever opens it, signed in with that address, a student.
public final class StudentInvitationRecord: Model, @unchecked Sendable {
    public static let schema = "student_invitations"
    public var properties: [any AnyProperty] {
        [
            $id, $organization, $email, $tokenHash, $invitedBy, $createdAt, $expiresAt, $acceptedAt, $revokedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "email") public var email: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "invited_by") public var invitedBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(organizationID: UUID, email: String, tokenHash: String, invitedBy: UUID, createdAt: Date, expiresAt: Date) {
        self.$organization.id = organizationID
        self.email = email
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
