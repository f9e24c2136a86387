import FluentKit
import Foundation
import TryoutCore

public final class OrganizationRecord: Model, @unchecked Sendable {
    public static let schema = "organizations"
    public var properties: [any AnyProperty] {
        [
            $id, $kind, $name, $slug, $status, $description, $website, $createdAt, $payFloorMinor, $payFloorCurrency,
            $showReviewerScores, $showcaseWork
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Enum(key: "kind") public var kind: OrganizationKind
    @Field(key: "name") public var name: String
    @Field(key: "slug") public var slug: String
    @Enum(key: "status") public var status: OrganizationStatus
    @Field(key: "description") public var description: String
    @Field(key: "website") public var website: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "pay_floor_minor") public var payFloorMinor: Int64?
    @OptionalField(key: "pay_floor_currency") public var payFloorCurrency: String?
    /// Candidates see each reviewer's scorecard (without names), not only the panel's result.
    @Field(key: "show_reviewer_scores") public var showReviewerScores: Bool
    /// Candidates' credentials link their accepted deliverables, and their portfolios show them.
    @Field(key: "showcase_work") public var showcaseWork: Bool

    public init() {}

    /// The organization's own hourly pay floor, when it set one.
    public var payFloor: Money? {
        get { payFloorMinor.flatMap { amount in payFloorCurrency.map { Money(amountMinor: amount, currency: $0) } } }
        set {
            payFloorMinor = newValue?.amountMinor
            payFloorCurrency = newValue?.currency
        }
    }

    public var settings: OrganizationSettings {
        OrganizationSettings(description: description, website: website, payFloor: payFloor, showReviewerScores: showReviewerScores,
                             showcaseWork: showcaseWork)
    }

    public init(id: UUID? = nil, kind: OrganizationKind, name: String, slug: String,
                status: OrganizationStatus = .unverified, description: String = "", website: String = "", createdAt: Date) {
        self.id = id
        self.kind = kind
        self.name = name
        self.slug = slug
        self.status = status
        self.showReviewerScores = false
        self.showcaseWork = false
        self.description = description
        self.website = website
        self.createdAt = createdAt
    }
}

public final class MemberRecord: Model, @unchecked Sendable {
    public static let schema = "members"
    public var properties: [any AnyProperty] { [$id, $organization, $user, $role, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Parent(key: "user_id") public var user: UserRecord
    @Enum(key: "role") public var role: MemberRole
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organizationID: UUID, userID: UUID, role: MemberRole, createdAt: Date) {
        self.$organization.id = organizationID
        self.$user.id = userID
        self.role = role
        self.createdAt = createdAt
    }
}

public final class InvitationRecord: Model, @unchecked Sendable {
    public static let schema = "invitations"
    public var properties: [any AnyProperty] {
        [
            $id, $organization, $email, $role, $tokenHash, $invitedBy, $createdAt, $expiresAt, $acceptedAt, $revokedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "email") public var email: String
    @Enum(key: "role") public var role: MemberRole
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "invited_by") public var invitedBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(organizationID: UUID, email: String, role: MemberRole, tokenHash: String,
                invitedBy: UUID, createdAt: Date, expiresAt: Date) {
        self.$organization.id = organizationID
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
