import FluentKit
import Foundation
import TryoutCore

/// A credential as issued: the signed VC-JWT is the credential itself; the other columns are what
/// lists and the status list need without decoding it.
public final class CredentialRecord: Model, @unchecked Sendable {
    public static let schema = "credentials"
    public var properties: [any AnyProperty] {
        [
            $id, $engagementID, $candidateID, $organizationID, $projectID, $name, $organizationName, $statusList,
            $statusIndex, $jwt, $issuedAt, $revokedAt, $revokedBy, $revocationReason
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "engagement_id") public var engagementID: UUID
    @Field(key: "candidate_id") public var candidateID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "organization_name") public var organizationName: String
    @Field(key: "status_list") public var statusList: Int
    @Field(key: "status_index") public var statusIndex: Int
    @Field(key: "jwt") public var jwt: String
    @Field(key: "issued_at") public var issuedAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @OptionalField(key: "revoked_by") public var revokedBy: UUID?
    @OptionalField(key: "revocation_reason") public var revocationReason: String?

    public init() {}

    public init(id: UUID, engagementID: UUID, candidateID: UUID, organizationID: UUID, projectID: UUID, name: String,
                organizationName: String, statusList: Int, statusIndex: Int, jwt: String, issuedAt: Date) {
        self.id = id
        self.engagementID = engagementID
        self.candidateID = candidateID
        self.organizationID = organizationID
        self.projectID = projectID
        self.name = name
        self.organizationName = organizationName
        self.statusList = statusList
        self.statusIndex = statusIndex
        self.jwt = jwt
        self.issuedAt = issuedAt
    }
}

/// A public key the platform signs credentials with, as a JWK; the fragment of its DID URL is the id.
public final class SigningKeyRecord: Model, @unchecked Sendable {
    public static let schema = "signing_keys"
    public var properties: [any AnyProperty] { [$id, $publicJWK, $createdAt] }

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "public_jwk") public var publicJWK: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: String, publicJWK: String, createdAt: Date) {
        self.id = id
        self.publicJWK = publicJWK
        self.createdAt = createdAt
    }
}

public final class PortfolioRecord: Model, @unchecked Sendable {
    public static let schema = "portfolios"
    public var properties: [any AnyProperty] { [$id, $user, $slug, $headline, $published, $updatedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @OptionalField(key: "slug") public var slug: String?
    @Field(key: "headline") public var headline: String
    @Field(key: "published") public var published: Bool
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var settings: PortfolioSettings {
        PortfolioSettings(published: published, slug: slug ?? "", headline: headline)
    }
}

public final class EndorsementRecord: Model, @unchecked Sendable {
    public static let schema = "endorsements"
    public var properties: [any AnyProperty] { [$id, $credential, $authorID, $authorName, $text, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "credential_id") public var credential: CredentialRecord
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "text") public var text: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
