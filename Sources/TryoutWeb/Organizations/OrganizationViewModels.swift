import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// An organization as its pages show it.
struct OrganizationView: Sendable {
    var id: OrganizationID
    var name: String
    var slug: String
    var kind: OrganizationKind
    var status: OrganizationStatus
    var description: String
    var website: String

    init(_ record: OrganizationRecord) throws {
        id = OrganizationID(try record.requireID())
        name = record.name
        slug = record.slug
        kind = record.kind
        status = record.status
        description = record.description
        website = record.website
    }

    /// A page of this organization's membership.
    func url(_ page: SiteURL.Organizations.Page? = nil) -> String {
        SiteURL.organizations(.organization(.value(slug), page)).path
    }
}

extension MembersPage.Member {
    init(_ record: MemberRecord) throws {
        self.init(id: MemberID(try record.requireID()), userID: record.$user.id, displayName: record.user.displayName,
                  email: record.user.email, role: record.role)
    }
}

extension PendingInvitations.Item {
    init(_ invitation: InvitationRecord, of org: OrganizationView) throws {
        self.init(email: invitation.email, offer: invitation.role.label.lowercased(), expires: invitation.expiresAt,
                  revoke: org.url(.revokeInvitation(.value(InvitationID(try invitation.requireID())))))
    }

    init(_ invitation: StudentInvitationRecord, of org: OrganizationView) throws {
        self.init(email: invitation.email, expires: invitation.expiresAt,
                  revoke: SiteURL.students(.revokeInvitation(.value(org.slug), .value(StudentInvitationID(try invitation.requireID())))).path)
    }
}

extension AuditLogPage.Entry {
    init(_ event: AuditEventRecord, address: String) {
        self.init(at: event.createdAt, actorEmail: event.actorEmail, action: event.action.label, detail: event.detail, address: address)
    }

    /// The organization's log, each address shown as far as the reader may know it.
    static func entries(_ log: OrganizationAuditLog) -> [Self] {
        log.events.map { Self($0, address: log.address($0)) }
    }
}
