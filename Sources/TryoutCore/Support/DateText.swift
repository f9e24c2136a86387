import Foundation

/// Dates as people read them on pages and in e-mails: in UTC where several people read the same
/// text, in the reader's own zone where the text is theirs alone (their notifications).
public enum DateText {
    public static func short(_ date: Date) -> String {
        short(date, in: utc)
    }

    /// "3 Dec 2026 at 22:21 Europe/Paris": the zone is named so the time is never mistaken for UTC.
    public static func short(_ date: Date, in zone: TimeZone) -> String {
        if zone == utc, let utc = UTCText(date) { return "\(utc.day) at \(utc.time) UTC" }
        let style = zone == utc ? utcStyle : Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: zone).locale(british)
        return date.formatted(style) + " " + (zone.identifier == "GMT" ? "UTC" : zone.identifier)
    }

    public static func day(_ date: Date) -> String {
        UTCText(date)?.day ?? date.formatted(dayStyle)
    }

    // Made once: a list page dates every row, and a locale and a style built for each date were
    // about a sixth of dating it (2.0 µs a date against 1.7 µs, release build).
    private static let utc = TimeZone(identifier: "UTC")!
    private static let british = Locale(identifier: "en_GB")
    private static let utcStyle = Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: utc).locale(british)
    private static let dayStyle = Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: utc).locale(british)

    /// A UTC date and time worked out from its seconds, as the British styles above write them:
    /// formatting through Foundation took 1.7 µs a date, and list pages date every row (fifty
    /// messages, fifty applicants). Years of four digits only; others go the long way.
    struct UTCText {
        var day: String
        var time: String

        init?(_ date: Date) {
            let seconds = date.timeIntervalSince1970.rounded(.down)
            guard abs(seconds) < 1e12 else { return nil }
            let (days, second) = Int(seconds).quotientAndRemainder(dividingBy: 86_400)
            let (civil, inDay) = second < 0 ? (Self.civil(days - 1), second + 86_400) : (Self.civil(days), second)
            guard (1000...9999).contains(civil.year) else { return nil }
            let minute = inDay / 60 % 60
            day = "\(civil.day) \(Self.months[civil.month - 1]) \(civil.year)"
            time = "\(inDay / 3600):\(minute < 10 ? "0" : "")\(minute)"
        }

        static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

        /// The proleptic Gregorian date `days` after 1 January 1970 (Howard Hinnant's
        /// civil_from_days).
        static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shifted = (5 * dayOfYear + 2) / 153
            let month = shifted < 10 ? shifted + 3 : shifted - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shifted + 2) / 5 + 1)
        }
    }

    /// "2026-12-02T16:40:00Z", for files other programs read.
    public static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// An XML Schema dateTime as other issuers write it, with or without fractions; nil otherwise.
    public static func parseISO(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
