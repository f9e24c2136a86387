import Foundation

/// How often a scheduled job runs. Time is cut into slots (every N minutes from midnight UTC,
/// or one a day at a UTC time); each slot is fired at most once, however many servers watch
/// the clock, because its job carries the slot's start as its unique key.
public enum Recurrence: Sendable, Equatable {
    case every(minutes: Int)
    case daily(hour: Int, minute: Int)

    /// The start of the latest slot that has begun at `now`.
    public func slot(containing now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        switch self {
        case .every(let minutes):
            let length = Double(max(1, minutes) * 60)
            return Date(timeIntervalSince1970: (seconds / length).rounded(.down) * length)
        case .daily(let hour, let minute):
            let day = 86_400.0
            let offset = Double(hour * 3600 + minute * 60)
            let today = (seconds / day).rounded(.down) * day + offset
            return Date(timeIntervalSince1970: today <= seconds ? today : today - day)
        }
    }

    /// The unique key of the slot a schedule named `name` is in at `now`.
    public func slotKey(_ name: String, at now: Date) -> String {
        "schedule:\(name):\(Int(slot(containing: now).timeIntervalSince1970))"
    }
}
