import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// API shapes, kept apart from database records and converted explicitly.
enum DTO {
    struct Membership: Content {
        var organizationID: UUID
        var organizationSlug: String
        var organizationName: String
        var role: MemberRole
    }

    struct Me: Content {
        var id: UUID
        var email: String
        var displayName: String
        var isPlatformAdmin: Bool
        var memberships: [Membership]
    }

    struct Token: Content {
        var id: UUID
        var name: String
        var prefix: String
        var createdAt: Date
        var lastUsedAt: Date?

        init(_ record: APITokenRecord) {
            id = record.id!
            name = record.name
            prefix = record.prefix
            createdAt = record.createdAt
            lastUsedAt = record.lastUsedAt
        }
    }

    struct CreatedToken: Content {
        var token: Token
        /// The secret itself, returned this once.
        var secret: String
    }

    struct Member: Content {
        var id: UUID
        var userID: UUID
        var displayName: String
        var email: String
        var role: MemberRole
        var joinedAt: Date

        init(_ record: MemberRecord) {
            id = record.id!
            userID = record.$user.id
            displayName = record.user.displayName
            email = record.user.email
            role = record.role
            joinedAt = record.createdAt
        }
    }

    struct Invitation: Content {
        var id: UUID
        var email: String
        var role: MemberRole
        var createdAt: Date
        var expiresAt: Date

        init(_ record: InvitationRecord) {
            id = record.id!
            email = record.email
            role = record.role
            createdAt = record.createdAt
            expiresAt = record.expiresAt
        }
    }

    struct Organization: Content {
        var id: UUID
        var slug: String
        var name: String
        var kind: OrganizationKind
        var status: OrganizationStatus
        var createdAt: Date

        init(_ record: OrganizationRecord) {
            id = record.id!
            slug = record.slug
            name = record.name
            kind = record.kind
            status = record.status
            createdAt = record.createdAt
        }
    }

    struct AuditEvent: Content {
        var id: UUID
        var action: String
        var actorEmail: String
        var detail: String
        var ip: String
        var createdAt: Date

        /// `ip` is the address the reader may see: "" for a candidate's, unless a platform admin reads.
        init(_ record: AuditEventRecord, ip: String) {
            id = record.id!
            action = record.action.rawValue
            actorEmail = record.actorEmail
            detail = record.detail
            self.ip = ip
            createdAt = record.createdAt
        }
    }

    /// A page of results; `nextCursor` is absent on the last page.
    struct Page<Item: Content>: Content {
        var items: [Item]
        var nextCursor: String?
    }

    struct NewToken: Content { var name: String }
    struct NewInvitation: Content { var email: String; var role: String }
    struct RoleChange: Content { var role: String }
    struct StatusChange: Content { var status: String }
}
