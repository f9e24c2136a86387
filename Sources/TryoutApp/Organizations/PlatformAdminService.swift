import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// What platform admins do: vouch for organizations, suspend and reinstate them, read the log.
/// Every action here is refused, as not found, to anyone else.
public enum PlatformAdminService {
    /// Refuses, as not found, anyone but a platform admin.
    public static func requireModerator(_ ctx: ActionContext) throws {
        try ctx.authorize(.moderatePlatform)
    }

    public static func organizations(_ ctx: ActionContext) async throws -> [OrganizationRecord] {
        try requireModerator(ctx)
        return try await Organizations.all(on: ctx.db)
    }

    /// Verifies, suspends or reinstates an organization.
    public static func setStatus(of organizationID: OrganizationID?, to rawStatus: String?, _ ctx: ActionContext) async throws -> OrganizationRecord {
        try requireModerator(ctx)
        guard let organizationID, let org = try await OrganizationRecord.find(organizationID.uuid, on: ctx.db) else { throw ActionError.notFound }
        guard let status = OrganizationStatus(rawValue: rawStatus ?? "") else {
            throw ValidationFailure([FieldError("status", "Choose verified, unverified or suspended.")])
        }
        let action: AuditAction = switch status {
        case .verified: .organizationVerified
        case .suspended: .organizationSuspended
        case .unverified: .organizationReinstated
        }
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            org.status = status
            try await org.save(on: ctx.db)
            try await ctx.audit(action, by: actor, organizationID: organizationID.uuid, detail: org.name)
        }
        return org
    }

    /// The platform's latest audit entries, every address shown.
    public static func auditLog(_ ctx: ActionContext) async throws -> [AuditEventRecord] {
        try requireModerator(ctx)
        return try await AuditLog.recent(on: ctx.db)
    }
}
