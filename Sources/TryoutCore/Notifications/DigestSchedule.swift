import Foundation

/// When a person's daily digest goes out: at 08:00 on their own clock, once per local day, and
/// only when something waited for it by then.
public enum DigestSchedule {
    public static let hour = 8

    /// One day's digest: the instant it is due and the local day it belongs to ("2026-03-29"),
    /// which names it so that it is sent once.
    public struct Slot: Sendable, Equatable {
        public var start: Date
        public var day: String
    }

    /// The name of the person's zone: the one they chose for their account, else their candidate
    /// profile's, else UTC. Names Foundation does not know count as not chosen.
    public static func zoneName(account: String?, profile: String?) -> String {
        [account, profile].compactMap { $0 }.first { TimeZoneName.zone($0) != nil } ?? "UTC"
    }

    /// The zone `zoneName` names.
    public static func zone(account: String?, profile: String?) -> TimeZone {
        zone(named: zoneName(account: account, profile: profile))
    }

    /// The zone of a name `zoneName` gave; UTC for any other.
    public static func zone(named name: String) -> TimeZone {
        TimeZoneName.zone(name) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// The latest 08:00 in `zone` at or before `now`. Calendar arithmetic, not 24-hour steps,
    /// so a day of 23 or 25 hours (summer time starting or ending) still lands on 08:00.
    public static func slot(atOrBefore now: Date, in zone: TimeZone) -> Slot {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let today = calendar.startOfDay(for: now)
        var start = eight(on: today, calendar)
        if start > now, let yesterday = calendar.date(byAdding: .day, value: -1, to: today) {
            start = eight(on: yesterday, calendar)
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return Slot(start: start, day: day)
    }

    /// Whether the digest of the latest slot is to be sent now: something waited from before
    /// 08:00 (news arriving later waits for tomorrow's) and that day's digest is not out yet.
    public static func due(now: Date, zone: TimeZone, oldestWaiting: Date?, lastSentDay: String?) -> Slot? {
        guard let oldestWaiting else { return nil }
        let slot = slot(atOrBefore: now, in: zone)
        guard oldestWaiting <= slot.start, lastSentDay.map({ $0 < slot.day }) ?? true else { return nil }
        return slot
    }

    private static func eight(on day: Date, _ calendar: Calendar) -> Date {
        // 08:00 exists on every day in every zone in use (summer time moves the night), but the
        // fallback keeps the rule total: the first instant at or after it.
        calendar.date(bySettingHour: hour, minute: 0, second: 0, of: day)
            ?? calendar.nextDate(after: day, matching: DateComponents(hour: hour), matchingPolicy: .nextTime) ?? day
    }
}
