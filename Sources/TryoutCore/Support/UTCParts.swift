import Foundation

/// A UTC instant's calendar date and time worked out from its seconds: Foundation's calendars
/// and formatters took microseconds a date, and pages date every row of a list and every
/// response's `Last-Modified` (Benchmarks/README.md, tenth round). Years 1600 to 9999 only:
/// Foundation's calendar is Julian before October 1582, and callers format those the long way.
public struct UTCParts: Equatable, Sendable {
    public var year: Int
    /// 1 is January.
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 0 is Sunday.
    public var weekday: Int

    public init?(_ date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard abs(seconds) < 1e12 else { return nil }
        var (days, inDay) = Int(seconds).quotientAndRemainder(dividingBy: 86_400)
        if inDay < 0 { (days, inDay) = (days - 1, inDay + 86_400) }
        // Howard Hinnant's civil_from_days: the proleptic Gregorian date `days` after 1 January 1970.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        month = shifted < 10 ? shifted + 3 : shifted - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1600...9999).contains(year) else { return nil }
        day = dayOfYear - (153 * shifted + 2) / 5 + 1
        (hour, minute, second) = (inDay / 3600, inDay / 60 % 60, inDay % 60)
        // 1 January 1970 was a Thursday.
        weekday = ((days + 4) % 7 + 7) % 7
    }
}
