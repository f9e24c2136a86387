import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A message on its way to the outbox, with the one-click unsubscribe address its headers carry
/// (`List-Unsubscribe`, RFC 8058); nil for account mail, which nobody can turn off.
public struct OutgoingMail: Sendable, Equatable {
    public var message: MailMessage
    public var unsubscribeURL: String?

    public init(message: MailMessage, unsubscribeURL: String? = nil) {
        self.message = message
        self.unsubscribeURL = unsubscribeURL
    }
}

/// Where a categorized message goes, by its recipient's preference: into the outbox now, kept
/// for their daily digest, or nowhere. In-app notifications are written apart and always stay.
public enum MailRouting {
    /// The message to write to the outbox now, or nil when the preference kept it back.
    /// Account mail (no category or no recipient) passes untouched.
    public static func route(_ message: MailMessage, links: any MailLinks, at now: Date, on db: any Database) async throws -> OutgoingMail? {
        guard let category = message.category, let userID = message.recipientUserID else { return OutgoingMail(message: message) }
        switch try await NotificationPreferences.preferences(of: userID, on: db)[category] {
        case .off:
            return nil
        case .dailyDigest:
            try await Digests.keep(userID: userID, category: category, subject: message.subject, body: message.text, at: now, on: db)
            return nil
        case .immediately:
            let url = try await unsubscribeURL(userID: userID, scope: .category(category), links: links, at: now, on: db)
            var sent = message
            sent.text += footer(stopping: UnsubscribeScope.category(category).label, url: url, links: links)
            return OutgoingMail(message: sent, unsubscribeURL: url)
        }
    }

    /// The one-click address that turns `scope` off for the person.
    public static func unsubscribeURL(userID: UUID, scope: UnsubscribeScope, links: any MailLinks, at now: Date,
                                      on db: any Database) async throws -> String {
        links.unsubscribe(token: try await UnsubscribeTokens.make(userID: userID, scope: scope, at: now, on: db))
    }

    /// The lines every message one may turn off ends with: people who do not read headers find
    /// the same way out in the text.
    static func footer(stopping what: String, url: String, links: any MailLinks) -> String {
        "\n-- \nTo stop \(what): \(url)\nChoose how you hear from Tryout: \(links.notificationSettings)\n"
    }
}
