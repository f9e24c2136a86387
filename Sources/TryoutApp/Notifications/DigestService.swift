import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The daily digest: one e-mail at 08:00 on each person's clock with the mail they chose to
/// take that way, sent only when something waited for it.
///
/// Idempotent: each digest is recorded per person and local day (unique) in the same
/// transaction as its mail and the items it carries; a second run of the same slot finds the day
/// recorded, or no items left, and sends nothing.
public enum DigestService {
    /// How many people one run looks at; the rest wait for the next run, minutes later.
    static let batch = 500

    /// Sends every digest due at `ctx.now`; returns how many went out.
    @discardableResult
    public static func sendDue(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        for (userID, oldest) in try await Digests.waiting(limit: batch, on: ctx.db) {
            guard let user = try await UserRecord.find(userID, on: ctx.db) else { continue }
            let zone = DigestSchedule.zone(named: try await NotificationPreferences.zoneName(of: user, on: ctx.db))
            let lastDay = try await Digests.lastDay(of: userID, on: ctx.db)
            guard let slot = DigestSchedule.due(now: ctx.now, zone: zone, oldestWaiting: oldest, lastSentDay: lastDay) else { continue }
            let didSend = try await ctx.act(locking: .none) { ctx in
                guard let items = try await Digests.take(userID: userID, day: slot.day, at: ctx.now, on: ctx.db), !items.isEmpty else {
                    return false
                }
                let url = try await MailRouting.unsubscribeURL(userID: userID, scope: .digest, links: ctx.mail.links, at: ctx.now, on: ctx.db)
                try await ctx.mail.enqueue(OutgoingMail(message: message(items, to: user, unsubscribeURL: url, ctx.mail.links), unsubscribeURL: url),
                                           at: ctx.now, on: ctx.db)
                return true
            }
            if didSend { sent += 1 }
        }
        return sent
    }

    /// The digest's text: the kept messages, grouped by kind in the settings page's order.
    static func message(_ items: [DigestItemRecord], to user: UserRecord, unsubscribeURL: String, _ links: any MailLinks) -> MailMessage {
        let count = items.count == 1 ? "1 update" : "\(items.count) updates"
        var text = "Good morning, \(user.displayName). Here is what happened on Tryout since your last digest.\n"
        let byKind = Dictionary(grouping: items, by: \.category)
        for category in NotificationCategory.allCases {
            guard let kept = byKind[category] else { continue }
            text += "\n\(category.label)\n\(String(repeating: "=", count: category.label.count))\n"
            for item in kept {
                let body = item.body.trimmingCharacters(in: .whitespacesAndNewlines)
                text += "\n* \(item.subject)\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n") + "\n"
            }
        }
        text += MailRouting.footer(stopping: UnsubscribeScope.digest.label, url: unsubscribeURL, links: links)
        return MailMessage(to: user.email, subject: "Your Tryout digest: \(count)", text: text, recipientUserID: try? user.requireID())
    }
}
