import FluentKit
import Foundation
import TryoutCore

/// Everything a message is written to the outbox with; the application layer fills it.
public struct OutboxDraft: Sendable {
    public var recipient: String
    public var recipientName: String?
    public var subject: String
    public var text: String
    public var html: String?
    public var category: String?
    public var recipientUserID: UUID?
    public var unsubscribeURL: String?
    /// JSON, as `OutboxRecord.attachments` keeps it.
    public var attachments: String?

    public init(recipient: String, recipientName: String? = nil, subject: String, text: String, html: String? = nil, category: String? = nil,
                recipientUserID: UUID? = nil, unsubscribeURL: String? = nil, attachments: String? = nil) {
        self.recipient = recipient
        self.recipientName = recipientName
        self.subject = subject
        self.text = text
        self.html = html
        self.category = category
        self.recipientUserID = recipientUserID
        self.unsubscribeURL = unsubscribeURL
        self.attachments = attachments
    }
}

public enum Outbox {
    /// Queues an e-mail and returns its id; call it inside the transaction that makes the change
    /// it reports, and enqueue its delivery job on the same connection.
    public static func enqueue(_ draft: OutboxDraft, at now: Date, on db: any Database) async throws -> UUID {
        let record = OutboxRecord(recipient: draft.recipient, subject: EmailSubject.line(draft.subject), body: draft.text, createdAt: now)
        record.recipientName = draft.recipientName
        record.html = draft.html
        record.category = draft.category
        record.recipientUserID = draft.recipientUserID
        record.unsubscribeURL = draft.unsubscribeURL
        record.attachments = draft.attachments
        try await record.create(on: db)
        return try record.requireID()
    }

    public static func messages(to recipient: String, on db: any Database) async throws -> [OutboxRecord] {
        try await OutboxRecord.query(on: db).filter(\.$recipient == recipient).sort(\.$createdAt, .descending).all()
    }
}
