import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The API's shapes of members, invitations, organizations and audit entries.
extension DTO {
    struct Member: Content {
        var id: UUID
        var userID: UUID
        var displayName: String
        var email: String
        var role: MemberRole
        var joinedAt: Date

        init(_ record: MemberRecord) throws {
            id = try record.requireID()
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

        init(_ record: InvitationRecord) throws {
            id = try record.requireID()
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

        init(_ record: OrganizationRecord) throws {
            id = try record.requireID()
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
        init(_ record: AuditEventRecord, ip: String) throws {
            id = try record.requireID()
            action = record.action.rawValue
            actorEmail = record.actorEmail
            detail = record.detail
            self.ip = ip
            createdAt = record.createdAt
        }
    }

    struct NewInvitation: Content { var email: String; var role: String }
    struct RoleChange: Content { var role: String }
    struct StatusChange: Content { var status: String }
}
