import Foundation
import TryoutCore
import TryoutStore

/// How a queued message leaves: the SMTP client, or the log in development. The web layer
/// picks one from the settings; the `mail.deliver` job calls it.
public protocol MailTransport: Sendable {
    /// Hands over one message; throws `MailTransportError` when the server does not take it.
    func deliver(_ mail: QueuedMail) async throws -> MailHandoff
}

public enum MailHandoff: Sendable, Equatable {
    /// The server took it; its reply names its queue entry.
    case sent(reply: String)
    /// Written to the log instead of being sent.
    case logged
}

/// A refusal, or a failure to reach the server. Only a permanent one (a 5xx reply) fails the
/// message at once; any other is tried again later.
public struct MailTransportError: Error, Equatable, CustomStringConvertible {
    public var reply: String
    public var isPermanent: Bool

    public init(reply: String, isPermanent: Bool) {
        self.reply = reply
        self.isPermanent = isPermanent
    }

    public var description: String { reply }
}

/// A message as the outbox keeps it, ready for a transport.
public struct QueuedMail: Sendable, Equatable {
    /// The outbox row's id: stable across retries, so Message-ID and boundaries are too.
    public var id: UUID
    public var createdAt: Date
    public var to: String
    public var toName: String?
    public var subject: String
    public var text: String
    public var html: String
    public var attachments: [MailAttachment]
    public var unsubscribeURL: String?

    /// A message that is not in the outbox: `tryout mail test`.
    public init(id: UUID, createdAt: Date, to: String, subject: String, text: String) {
        self.id = id
        self.createdAt = createdAt
        self.to = to
        self.subject = subject
        self.text = text
        html = Self.html(fromText: text)
        attachments = []
    }

    init(_ record: OutboxRecord) throws {
        id = try record.requireID()
        createdAt = record.createdAt
        to = record.recipient
        toName = record.recipientName
        subject = record.subject
        text = record.body
        html = record.html ?? Self.html(fromText: record.body)
        attachments = try record.attachments.map { try JSONDecoder().decode([MailAttachment].self, from: Data($0.utf8)) } ?? []
        unsubscribeURL = record.unsubscribeURL
    }

    /// The HTML part of a message written as text only: the same words, escaped, with its line
    /// breaks kept, so mail programs that prefer HTML show what the text says.
    static func html(fromText text: String) -> String {
        "<!doctype html>\n<html><body><div style=\"font-family: sans-serif; white-space: pre-wrap\">\(SafeMarkdown.escape(text))</div></body></html>\n"
    }
}
