import Foundation
import Testing
@testable import TryoutCore

/// An instant written as ISO 8601 with its offset.
private func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { preconditionFailure("bad instant \(text)") }
    return date
}

private func zone(_ name: String) -> TimeZone {
    guard let zone = TimeZone(identifier: name) else { preconditionFailure("unknown zone \(name)") }
    return zone
}

@Suite("Notification rules")
struct NotificationRulesTests {
    @Test("preferences: defaults for every kind, a form changes what it names, unknown kinds and values are field errors")
    func preferences() throws {
        let defaults = MailPreferences()
        #expect(NotificationCategory.allCases.allSatisfy { defaults[$0] == $0.defaultPreference })
        let chosen = try MailPreferences.validated(["messages": "daily_digest", "reminders": "off"], current: defaults)
        #expect(chosen[.messages] == .dailyDigest && chosen[.reminders] == .off && chosen[.applications] == .immediately)
        #expect(throws: ValidationFailure([FieldError("messages", "Messages: choose immediately, daily digest or off (immediately, daily_digest, off)."),
                                          FieldError("weather", "There is no kind of notification called “weather”.")])) {
            try MailPreferences.validated(["messages": "weekly", "weather": "off"], current: defaults)
        }
    }

    @Test("unsubscribing turns one kind off, or from the digest every kind taken in it and nothing else")
    func unsubscribeScopes() {
        var preferences = MailPreferences()
        preferences[.messages] = .dailyDigest
        preferences[.decisions] = .dailyDigest
        #expect(UnsubscribeScope.category(.reminders).applied(to: preferences)[.reminders] == .off)
        let noDigest = UnsubscribeScope.digest.applied(to: preferences)
        #expect(noDigest[.messages] == .off && noDigest[.decisions] == .off && noDigest[.applications] == .immediately)
        for scope in NotificationCategory.allCases.map(UnsubscribeScope.category) + [.digest] {
            #expect(UnsubscribeScope(rawValue: scope.rawValue) == scope)
        }
        #expect(UnsubscribeScope(rawValue: "everything") == nil)
    }

    @Test("the zone: the account's, else the profile's, else UTC; names Foundation does not know are skipped")
    func zones() {
        #expect(DigestSchedule.zone(account: "Asia/Tokyo", profile: "Europe/Berlin").identifier == "Asia/Tokyo")
        #expect(DigestSchedule.zoneName(account: nil, profile: "Europe/Berlin") == "Europe/Berlin")
        #expect(DigestSchedule.zoneName(account: "Mars/Olympus", profile: "EST") == "UTC")
        #expect(DigestSchedule.zone(account: "Mars/Olympus", profile: nil).secondsFromGMT() == 0)
    }

    @Test("the digest slot is the latest 08:00 on the person's clock, across summer time both ways")
    func digestSlots() {
        let berlin = zone("Europe/Berlin")
        // 08:00 in Berlin is 07:00Z in winter and 06:00Z in summer.
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-01-15T07:00:00Z"), in: berlin)
                == .init(start: instant("2026-01-15T07:00:00Z"), day: "2026-01-15"))
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-01-15T06:59:59Z"), in: berlin).day == "2026-01-14")
        // Summer time starts on 29 March 2026 at 02:00: a 23-hour day, still 08:00 local.
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-03-29T06:30:00Z"), in: berlin)
                == .init(start: instant("2026-03-29T06:00:00Z"), day: "2026-03-29"))
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-03-29T05:59:00Z"), in: berlin).start == instant("2026-03-28T07:00:00Z"))
        // It ends on 25 October 2026: a 25-hour day.
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-10-25T07:00:00Z"), in: berlin)
                == .init(start: instant("2026-10-25T07:00:00Z"), day: "2026-10-25"))
        // West of UTC the local day lags: 03:00Z on the 16th is still the 15th in Los Angeles.
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-01-16T03:00:00Z"), in: zone("America/Los_Angeles"))
                == .init(start: instant("2026-01-15T16:00:00Z"), day: "2026-01-15"))
        // East of it, ahead: 23:00Z on the 15th is 08:00 on the 16th in Tokyo.
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-01-15T23:00:00Z"), in: zone("Asia/Tokyo"))
                == .init(start: instant("2026-01-15T23:00:00Z"), day: "2026-01-16"))
        // A zone with a half-hour offset.
        #expect(DigestSchedule.slot(atOrBefore: instant("2026-01-15T02:30:00Z"), in: zone("Asia/Kolkata")).start
                == instant("2026-01-15T02:30:00Z"))
    }

    @Test("a digest is due once a day, only for news from before 08:00, and not again that day")
    func digestDue() {
        let utc = zone("UTC")
        let eight = instant("2026-01-15T08:00:00Z")
        #expect(DigestSchedule.due(now: eight, zone: utc, oldestWaiting: nil, lastSentDay: nil) == nil)
        #expect(DigestSchedule.due(now: eight, zone: utc, oldestWaiting: eight, lastSentDay: nil)?.day == "2026-01-15")
        #expect(DigestSchedule.due(now: eight.addingTimeInterval(-1), zone: utc, oldestWaiting: eight.addingTimeInterval(-3600),
                                   lastSentDay: "2026-01-14") == nil)
        #expect(DigestSchedule.due(now: eight.addingTimeInterval(900), zone: utc, oldestWaiting: eight, lastSentDay: "2026-01-15") == nil)
        // News at 09:00 waits for tomorrow's digest, even if today's had nothing to send.
        #expect(DigestSchedule.due(now: eight.addingTimeInterval(7200), zone: utc, oldestWaiting: eight.addingTimeInterval(3600),
                                   lastSentDay: "2026-01-14") == nil)
        // A server down at 08:00 sends the day's digest when it is back.
        #expect(DigestSchedule.due(now: eight.addingTimeInterval(10 * 3600), zone: utc, oldestWaiting: eight.addingTimeInterval(-60),
                                   lastSentDay: nil)?.start == eight)
    }

    @Test("reminders ahead of a moment fire from their offset until the moment, only for things that existed by then")
    func remindersAhead() {
        let offerEnds = instant("2026-05-10T12:00:00Z")
        let offered = offerEnds.addingTimeInterval(-7 * 86_400)
        #expect(!Reminder.offerExpiring.isDue(moment: offerEnds, createdAt: offered, now: offerEnds.addingTimeInterval(-86_401)))
        #expect(Reminder.offerExpiring.isDue(moment: offerEnds, createdAt: offered, now: offerEnds.addingTimeInterval(-86_400)))
        #expect(Reminder.offerExpiring.isDue(moment: offerEnds, createdAt: offered, now: offerEnds.addingTimeInterval(-1)))
        #expect(!Reminder.offerExpiring.isDue(moment: offerEnds, createdAt: offered, now: offerEnds))
        // An offer made for less than a day never hears "one day left".
        #expect(!Reminder.offerExpiring.isDue(moment: offerEnds, createdAt: offerEnds.addingTimeInterval(-3600), now: offerEnds.addingTimeInterval(-60)))

        let checkIn = instant("2026-05-10T09:00:00Z")
        let booked = checkIn.addingTimeInterval(-3 * 86_400)
        #expect(Reminder.checkInTomorrow.isDue(moment: checkIn, createdAt: booked, now: checkIn.addingTimeInterval(-86_400)))
        // Within the last hour the one-hour reminder takes over from the one-day one.
        #expect(!Reminder.checkInTomorrow.isDue(moment: checkIn, createdAt: booked, now: checkIn.addingTimeInterval(-3600)))
        #expect(Reminder.checkInSoon.isDue(moment: checkIn, createdAt: booked, now: checkIn.addingTimeInterval(-3600)))
        #expect(!Reminder.checkInSoon.isDue(moment: checkIn, createdAt: checkIn.addingTimeInterval(-1200), now: checkIn.addingTimeInterval(-600)))
        #expect(Reminder.milestoneDue.isDue(moment: checkIn, createdAt: booked, now: checkIn.addingTimeInterval(-2 * 86_400)))
        #expect(!Reminder.milestoneDue.isDue(moment: checkIn, createdAt: booked, now: checkIn.addingTimeInterval(-2 * 86_400 - 1)))
    }

    @Test("reminders of what happened fire from their offset for three days, then never")
    func remindersAfter() throws {
        let issued = instant("2026-05-10T12:00:00Z")
        #expect(!Reminder.agreementUnsigned.isDue(moment: issued, createdAt: issued, now: issued.addingTimeInterval(2 * 86_400 - 1)))
        #expect(Reminder.agreementUnsigned.isDue(moment: issued, createdAt: issued, now: issued.addingTimeInterval(2 * 86_400)))
        #expect(Reminder.agreementUnsigned.isDue(moment: issued, createdAt: issued, now: issued.addingTimeInterval(5 * 86_400 - 1)))
        #expect(!Reminder.agreementUnsigned.isDue(moment: issued, createdAt: issued, now: issued.addingTimeInterval(5 * 86_400)))
        #expect(Reminder.screeningWaiting.isDue(moment: issued, createdAt: issued, now: issued.addingTimeInterval(5 * 86_400)))
        #expect(!Reminder.screeningWaiting.isDue(moment: issued, createdAt: issued, now: issued.addingTimeInterval(5 * 86_400 - 1)))
        #expect(Reminder.offerLapsed.isDue(moment: issued, createdAt: issued, now: issued))
        // The apply-by date is a whole day: applications close at its end.
        let deadline = instant("2026-05-10T00:00:00Z")
        #expect(!Reminder.applyByClosed.isDue(moment: deadline, createdAt: deadline, now: instant("2026-05-10T23:59:59Z")))
        #expect(Reminder.applyByClosed.isDue(moment: deadline, createdAt: deadline, now: instant("2026-05-11T00:00:00Z")))
        let id = try #require(UUID(uuidString: "6E1C1D38-8A4F-4B8E-9A0B-2B1D4C0E9F11"))
        #expect(Reminder.offerLapsed.key(id) == "reminder.offer-lapsed:6e1c1d38-8a4f-4b8e-9a0b-2b1d4c0e9f11")
    }
}
