import Foundation

/// Monday to Friday, counted in UTC: "answer within 5 working days" does not run out over a weekend.
public enum WorkingDays {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `date` moved on by `days` working days, keeping its time of day; a start on a weekend
    /// counts from the Monday after.
    public static func adding(_ days: Int, to date: Date) -> Date {
        var result = date
        while isWeekend(result) { result = calendar.date(byAdding: .day, value: 1, to: result)! }
        var left = days
        while left > 0 {
            result = calendar.date(byAdding: .day, value: 1, to: result)!
            if !isWeekend(result) { left -= 1 }
        }
        return result
    }

    public static func isWeekend(_ date: Date) -> Bool {
        let weekday = calendar.component(.weekday, from: date)
        return weekday == 1 || weekday == 7
    }
}
