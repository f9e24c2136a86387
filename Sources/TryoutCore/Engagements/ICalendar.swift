import Foundation

/// One entry in a person's calendar feed: a deadline, a review or a session, kept free of any
/// calendar format so the rules that produce entries never need to know about RFC 5545.
public struct CalendarEvent: Sendable, Equatable {
    /// Globally unique and stable across feed refreshes, e.g. "deadline-<uuid>@tryout";
    /// clients match on it to update an entry instead of duplicating it.
    public var uid: String
    public var summary: String
    /// Empty means no DESCRIPTION line at all, rather than an empty one some clients show.
    public var description: String
    public var start: Date
    /// Timed events: nil means one hour after `start`. All-day events: nil means one day,
    /// otherwise the UTC day of `end` is the first day no longer covered (exclusive).
    public var end: Date?
    /// All-day entries are written as UTC calendar days, so every subscriber sees the same date.
    public var allDay: Bool
    public var url: String?

    public init(uid: String, summary: String, description: String = "", start: Date, end: Date? = nil,
                allDay: Bool = false, url: String? = nil) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.start = start
        self.end = end
        self.allDay = allDay
        self.url = url
    }
}

/// Writes calendar feeds as RFC 5545 iCalendar text. Subscribing clients (Google, Apple,
/// Outlook) silently drop a whole feed over one malformed line, so user-written text is
/// escaped, stripped of control characters and folded here, in one place.
public enum ICalendar {
    /// A whole VCALENDAR document: CRLF line endings, lines folded at 75 octets (never splitting a
    /// UTF-8 character), TEXT values escaped (backslash, semicolon, comma, newline -> \n; CR dropped),
    /// control characters removed.
    public static func document(name: String, events: [CalendarEvent], stamp: Date) -> String {
        let clock = UTCClock()
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Tryout//Tryout//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(name),
        ]
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + text(event.uid))
            lines.append("DTSTAMP:" + clock.dateTime(stamp))
            lines += times(of: event, clock)
            lines.append("SUMMARY:" + text(event.summary))
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + text(event.description)) }
            if let url = event.url { lines.append("URL:" + withoutControls(url, keepingTab: false)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    private static let secondsPerDay: TimeInterval = 86_400

    /// RFC 5545 requires DTEND to be later than DTSTART and clients drop events that break this,
    /// so an end that is not after the start is treated as missing.
    private static func times(of event: CalendarEvent, _ clock: UTCClock) -> [String] {
        if event.allDay {
            let firstDay = clock.date(event.start)
            let nextDay = clock.date(event.start.addingTimeInterval(secondsPerDay))
            let endDay = event.end.map(clock.date).flatMap { $0 > firstDay ? $0 : nil } ?? nextDay
            return ["DTSTART;VALUE=DATE:" + firstDay, "DTEND;VALUE=DATE:" + endDay]
        }
        let end = event.end.flatMap { $0 > event.start ? $0 : nil } ?? event.start.addingTimeInterval(3_600)
        return ["DTSTART:" + clock.dateTime(event.start), "DTEND:" + clock.dateTime(end)]
    }

    /// TEXT values (RFC 5545 §3.3.11). CR is dropped so that CRLF and LF both become one `\n`.
    private static func text(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        // Scalars, not Characters: Swift treats "\r\n" as one Character.
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": out.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": out.append(contentsOf: #"\,"#.unicodeScalars)
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            default: if !isControl(scalar, keepingTab: true) { out.append(scalar) }
            }
        }
        return String(out)
    }

    private static func withoutControls(_ value: String, keepingTab: Bool) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { !isControl($0, keepingTab: keepingTab) }))
    }

    /// C0, DEL and C1. TEXT may legally hold a tab (RFC 5545 §3.3.11), a URI may not.
    private static func isControl(_ scalar: Unicode.Scalar, keepingTab: Bool) -> Bool {
        if keepingTab && scalar == "\t" { return false }
        return scalar.properties.generalCategory == .control
    }

    /// Folds at 75 octets (RFC 5545 §3.1), counting the leading space of continuation lines, and
    /// only between Unicode scalars so no UTF-8 sequence is ever cut in two.
    private static func fold(_ line: String) -> String {
        let limit = 75
        var out = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > limit {
                out.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1
            }
            out.append(scalar)
            octets += width
        }
        return String(out)
    }
}

/// Formats instants in UTC on the Gregorian calendar whatever the server's locale or time zone,
/// because feeds are shared across time zones. A value built per document, so nothing mutable is shared.
private struct UTCClock {
    private let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = Locale(identifier: "en_US_POSIX")
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// `yyyyMMdd`
    func date(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
    }

    /// `yyyyMMdd'T'HHmmss'Z'`, truncated to the second.
    func dateTime(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
            + "T" + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    private func pad(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
