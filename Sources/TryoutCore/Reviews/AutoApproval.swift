import Foundation

/// Silence never blocks pay: a version nobody decided on is accepted a set number of days after it
/// was handed in, and both sides are warned a week and two days ahead.
public enum AutoApproval {
    public static func deadline(submittedAt: Date, days: Int) -> Date {
        submittedAt.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    public static func isDue(submittedAt: Date, days: Int, now: Date) -> Bool {
        now >= deadline(submittedAt: submittedAt, days: days)
    }

    /// The note the version carries when it was accepted this way.
    public static func note(days: Int) -> String {
        "Accepted automatically: no decision was made within \(days) days of this version being handed in."
    }
}
