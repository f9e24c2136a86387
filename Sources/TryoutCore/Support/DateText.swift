import Foundation

/// Dates as people read them on pages and in e-mails, always in UTC so every viewer sees the same text.
public enum DateText {
    public static func short(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: TimeZone(identifier: "UTC")!)
            .locale(Locale(identifier: "en_GB"))) + " UTC"
    }

    public static func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: TimeZone(identifier: "UTC")!)
            .locale(Locale(identifier: "en_GB")))
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
