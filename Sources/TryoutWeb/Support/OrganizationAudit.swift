import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// An organization's audit log as the person reading it may see it, for the page and the API:
/// the entries in the organization's context, with the addresses of anyone who is not one of its
/// members (candidates above all) left out unless a platform admin reads it.
struct OrganizationAudit {
    let events: [AuditEventRecord]
    let memberIDs: Set<UUID>
    let readerIsPlatformAdmin: Bool

    static func load(_ req: Request, _ org: OrganizationRecord) async throws -> OrganizationAudit {
        let orgID = try org.requireID()
        return OrganizationAudit(events: try await AuditLog.recent(organizationID: orgID, on: req.db),
                                 memberIDs: Set(try await Organizations.members(of: orgID, on: req.db).map(\.$user.id)),
                                 readerIsPlatformAdmin: try await req.principal()?.isPlatformAdmin == true)
    }

    /// The entry's address, or "" when the reader may not see it.
    func address(_ event: AuditEventRecord) -> String {
        let member = event.actorUserID.map(memberIDs.contains) ?? false
        return AuditVisibility.showsAddress(actorIsMember: member, readerIsPlatformAdmin: readerIsPlatformAdmin) ? event.ip : ""
    }
}
