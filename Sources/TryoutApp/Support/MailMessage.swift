import Foundation
import TryoutCore

/// One e-mail as an action composes it; the outbox keeps it until a `mail.deliver` job sends it.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    /// The recipient's name for the To header, such as "Zoë Ångström 山田"; nil shows the address.
    public var toName: String?
    public var subject: String
    public var text: String
    /// Nil: the delivery renders `text` as simple HTML.
    public var html: String?
    /// Nil for account mail (sign-up, password reset, verification): always sent and never
    /// offers to unsubscribe, since turning it off would lock a person out.
    public var category: NotificationCategory?
    /// Whose preferences decide a categorized message, and whom its unsubscribe link turns off.
    public var recipientUserID: UUID?
    public var attachments: [MailAttachment]

    public init(to: String, subject: String, text: String, html: String? = nil, category: NotificationCategory? = nil,
                recipientUserID: UUID? = nil, attachments: [MailAttachment] = [], toName: String? = nil) {
        self.to = to
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.category = category
        self.recipientUserID = recipientUserID
        self.attachments = attachments
    }
}

/// A file sent along with a message, such as a check-in's `.ics`.
public struct MailAttachment: Sendable, Equatable, Codable {
    public var filename: String
    /// A MIME type, with parameters if any: `text/calendar; method=REQUEST`.
    public var contentType: String
    public var data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}
