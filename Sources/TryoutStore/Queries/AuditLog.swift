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

    /// The organization's own entries and its current members' account events (sign-ins,
    /// failed sign-ins, tokens), newest first.
    public static func recent(organizationID: UUID, limit: Int = 100, on db: any Database) async throws -> [AuditEventRecord] {
        let memberIDs = try await MemberRecord.query(on: db).filter(\.$organization.$id == organizationID).all(\.$user.$id)
        return try await AuditEventRecord.query(on: db)
            .group(.or) { group in
                group.filter(\.$organizationID == organizationID)
                group.group(.and) { account in
                    account.filter(\.$organizationID == nil)
                    account.filter(\.$actorUserID ~~ memberIDs.map(Optional.some))
                }
            }
            .sort(\.$createdAt, .descending).limit(limit).all()
    }
}

public enum Outbox {
    /// Queues an e-mail; call it inside the transaction that makes the change it reports.
    public static func enqueue(to recipient: String, subject: String, body: String, at now: Date, on db: any Database) async throws {
        try await OutboxRecord(recipient: recipient, subject: EmailSubject.line(subject), body: body, createdAt: now).create(on: db)
    }

    public static func messages(to recipient: String, on db: any Database) async throws -> [OutboxRecord] {
        try await OutboxRecord.query(on: db).filter(\.$recipient == recipient).sort(\.$createdAt, .descending).all()
    }
}
