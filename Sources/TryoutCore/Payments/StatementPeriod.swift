import Foundation

/// A calendar month in UTC, the period statements are read by: "2026-12".
public struct StatementMonth: Sendable, Equatable, Hashable {
    public var year: Int
    public var month: Int

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public init(containing date: Date) {
        let parts = Self.utc.dateComponents([.year, .month], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
    }

    /// "2026-12"; nil for anything else.
    public init?(_ text: String?) {
        let parts = (text ?? "").split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
              (2000...2999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public var start: Date { Self.utc.date(from: DateComponents(year: year, month: month, day: 1))! }
    public var end: Date { Self.utc.date(byAdding: .month, value: 1, to: start)! }
    public var previous: StatementMonth { StatementMonth(containing: start.addingTimeInterval(-1)) }
    public var next: StatementMonth { StatementMonth(containing: end) }
    public var text: String { String(format: "%04d-%02d", year, month) }
    public var label: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMMM yyyy"
        return formatter.string(from: start)
    }
}
