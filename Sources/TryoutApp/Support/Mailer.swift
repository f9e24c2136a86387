import FluentKit
import Foundation
import TryoutStore

/// Sends e-mail by writing it to the outbox in the caller's transaction; `log`, when set (in
/// development), also shows each message so that links can be followed without a mail server.
public struct Mailer: Sendable {
    public var links: any MailLinks
    public var log: (@Sendable (String) -> Void)?

    public init(links: any MailLinks, log: (@Sendable (String) -> Void)? = nil) {
        self.links = links
        self.log = log
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
        try await Outbox.enqueue(to: message.to, subject: message.subject, body: message.text, at: now, on: db)
        log?("mail to \(message.to): \(message.subject)\n\(message.text)")
    }
}

/// The addresses e-mails link to, as people reach the site: the web layer knows its routes.
public protocol MailLinks: Sendable {
    var signIn: String { get }
    var forgotPassword: String { get }
    func verifyEmail(token: String) -> String
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
}
