import FluentKit
import Foundation
import TryoutCore

/// Who did what, when and from where. Entries are only ever added.
public struct AuditEntry: Sendable {
    public var organizationID: UUID?
    public var actorUserID: UUID?
    public var actorEmail: String
    public var action: AuditAction
    public var detail: String
    public var ip: String

    public init(organizationID: UUID? = nil, actorUserID: UUID?, actorEmail: String, action: AuditAction,
                detail: String = "", ip: String) {
        self.organizationID = organizationID
        self.actorUserID = actorUserID
        self.actorEmail = actorEmail
        self.action = action
        self.detail = detail
        self.ip = ip
    }

    /// An entry for what Tryout did on its own, because of someone else's move: nobody acted, so
    /// it names no actor and no address (showing the address of the request that set it off would
    /// name the wrong person).
    public static func automatic(organizationID: UUID?, action: AuditAction, detail: String) -> AuditEntry {
        AuditEntry(organizationID: organizationID, actorUserID: nil, actorEmail: "", action: action, detail: detail, ip: "")
    }
}

public enum AuditLog {
    public static func record(_ entry: AuditEntry, at now: Date, on db: any Database) async throws {
        try await AuditEventRecord(organizationID: entry.organizationID, actorUserID: entry.actorUserID,
                                   actorEmail: entry.actorEmail, action: entry.action, detail: entry.detail,
                                   ip: entry.ip, createdAt: now).create(on: db)
    }

    /// The newest entries of the whole platform first.
    public static func recent(limit: Int = 100, on db: any Database) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: db).sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// The entries made in the organization's context, newest first. A member's own account
    /// (sign-up, sign-ins, failed sign-ins, tokens) is theirs, not the organization's: those
    /// entries show only in the platform log.
    public static func recent(organizationID: UUID, limit: Int = 100, on db: any Database) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: db).filter(\.$organizationID == organizationID)
            .sort(\.$createdAt, .descending).limit(limit).all()
    }
}
