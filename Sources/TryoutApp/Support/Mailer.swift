import FluentKit
import Foundation
import TryoutStore

/// Sends e-mail by writing it to the outbox, with the `mail.deliver` job that sends it, in the
/// caller's transaction: a change that rolls back sends nothing, and one that commits cannot
/// lose its mail. The job hands it to the transport (SMTP, or the log in development).
public struct Mailer: Sendable {
    public var links: any MailLinks

    public init(links: any MailLinks) {
        self.links = links
    }

    public func send(to recipient: String, subject: String, body: String, at now: Date, on db: any Database) async throws {
        try await send(MailMessage(to: recipient, subject: subject, text: body), at: now, on: db)
    }

    public func send(_ message: MailMessage, at now: Date, on db: any Database) async throws {
        // The recipient's preferences decide first: now, in the daily digest, or not at all.
        guard let outgoing = try await MailRouting.route(message, links: links, at: now, on: db) else { return }
        try await enqueue(outgoing, at: now, on: db)
    }

    /// Writes mail whose preferences were applied (or that has none, as a digest) to the outbox.
    func enqueue(_ outgoing: OutgoingMail, at now: Date, on db: any Database) async throws {
        let message = outgoing.message
        let attachments = message.attachments.isEmpty ? nil : String(decoding: try JSONEncoder().encode(message.attachments), as: UTF8.self)
        let id = try await Outbox.enqueue(OutboxDraft(
            recipient: message.to, recipientName: message.toName, subject: message.subject, text: message.text, html: message.html,
            category: message.category?.rawValue, recipientUserID: message.recipientUserID, unsubscribeURL: outgoing.unsubscribeURL,
            attachments: attachments), at: now, on: db)
        try await JobQueue.enqueue(DeliverMail(outboxID: id), runAt: now, at: now, on: db)
    }
}

/// The addresses e-mails link to, as people reach the site: the web layer knows its routes.
public protocol MailLinks: Sendable {
    var signIn: String { get }
    var forgotPassword: String { get }
    /// The confirmation link; `next` is where the person's first steps end.
    func verifyEmail(token: String, next: String?) -> String
    func resetPassword(token: String) -> String
    /// The address people use, which e-mails put before a path.
    var base: String { get }
    /// The path of a place in an engagement: notifications link to it, e-mails to `base` + it.
    func path(_ place: EngagementPlace) -> String
    /// The path of an application's page or a project's brief, as application notices link to it.
    func path(_ place: ApplicationPlace) -> String
    /// The one-click unsubscribe address of a signed token (RFC 8058): no sign-in needed.
    func unsubscribe(token: String) -> String
    /// The page where a person chooses how they hear of each kind of news.
    var notificationSettings: String { get }
    /// The path of the signed-in person's earnings and payouts.
    var earnings: String { get }
    /// The path of an organization's billing page.
    func billing(organizationSlug: String) -> String
}
