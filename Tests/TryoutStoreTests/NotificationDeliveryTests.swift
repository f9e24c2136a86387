import FluentKit
import Foundation
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

/// The records that keep notifications from going twice, on both databases.
@Suite("Notification delivery records")
struct NotificationDeliveryTests {
    @Test("a reminder key is claimed once; a second claim in the same transaction is refused and the transaction goes on")
    func claimOnce() async throws {
        try await withTestApp { t in
            let user = try await Factory(t).user("ada@uni.test")
            try await t.db.transaction { tx in
                #expect(try await SentReminders.claim("reminder.offer-24h:a", at: t.clock.now, on: tx))
                #expect(try await !SentReminders.claim("reminder.offer-24h:a", at: t.clock.now, on: tx))
                // PostgreSQL aborts a transaction after a failed insert: this one must still work.
                try await Digests.keep(userID: try user.requireID(), category: .messages, subject: "S", body: "B", at: t.clock.now, on: tx)
            }
            #expect(try await !SentReminders.claim("reminder.offer-24h:a", at: t.clock.now, on: t.db))
            #expect(try await SentReminders.claim("reminder.offer-lapsed:a", at: t.clock.now, on: t.db))
        }
    }

    @Test("a digest day is taken once, with every item waiting, oldest first")
    func digestTakenOnce() async throws {
        try await withTestApp { t in
            let userID = try await Factory(t).user("ada@uni.test").requireID()
            try await Digests.keep(userID: userID, category: .messages, subject: "First", body: "1", at: t.clock.now, on: t.db)
            t.clock.advance(by: 60)
            try await Digests.keep(userID: userID, category: .decisions, subject: "Second", body: "2", at: t.clock.now, on: t.db)
            #expect(try await Digests.waiting(limit: 10, on: t.db).map(\.userID) == [userID])
            let taken = try await t.db.transaction { tx in try await Digests.take(userID: userID, day: "2026-11-19", at: t.clock.now, on: tx) }
            #expect(taken?.map(\.subject) == ["First", "Second"])
            #expect(try await Digests.take(userID: userID, day: "2026-11-19", at: t.clock.now, on: t.db) == nil)
            #expect(try await Digests.waiting(limit: 10, on: t.db).isEmpty)
            #expect(try await Digests.lastDay(of: userID, on: t.db) == "2026-11-19")
        }
    }

    @Test("an unsubscribe token names its person and kind; changed in any part, or from another installation, it names nobody")
    func tokens() async throws {
        try await withTestApp { t in
            let userID = try await Factory(t).user("ada@uni.test").requireID()
            let token = try await UnsubscribeTokens.make(userID: userID, scope: .category(.reminders), at: t.clock.now, on: t.db)
            let read = try await UnsubscribeTokens.read(token, at: t.clock.now, on: t.db)
            #expect(read?.userID == userID && read?.scope == .category(.reminders))
            let parts = token.split(separator: ".").map(String.init)
            let other = try await Factory(t).user("bo@uni.test").requireID()
            // The signature's first character, not its last: the last carries two bits that decoding drops.
            let otherSignature = (parts[2].hasPrefix("A") ? "B" : "A") + parts[2].dropFirst()
            for forged in ["\(other.uuidString.lowercased()).\(parts[1]).\(parts[2])", "\(parts[0]).digest.\(parts[2])",
                           "\(parts[0]).\(parts[1]).\(otherSignature)", token + ".x", ""] {
                #expect(try await UnsubscribeTokens.read(forged, at: t.clock.now, on: t.db) == nil, "\(forged)")
            }
            try await InstanceSecretRecord.query(on: t.db).filter(\.$name == UnsubscribeTokens.secretName).delete()
            #expect(try await UnsubscribeTokens.read(token, at: t.clock.now, on: t.db) == nil)
        }
    }
}
