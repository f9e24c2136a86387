import Foundation

/// The reminders Tryout sends on its own, and when. Each is tied to a moment of one thing (an
/// offer's expiry, a check-in's start, a milestone's due date, an agreement's issue, the day an
/// application arrived, a project's apply-by date) and fires once, at an offset from it.
/// Raw values are part of the keys that record a reminder as sent: never rename.
public enum Reminder: String, CaseIterable, Sendable {
    /// To the candidate and the employer, 24 hours before an unanswered offer lapses.
    case offerExpiring = "offer-24h"
    /// To the candidate and the employer, when an offer lapsed unanswered.
    case offerLapsed = "offer-lapsed"
    /// To everyone in the engagement, 24 hours before a check-in, with its `.ics`.
    case checkInTomorrow = "check-in-24h"
    /// The same, one hour before.
    case checkInSoon = "check-in-1h"
    /// To the candidate, 48 hours before a deliverable is due.
    case milestoneDue = "milestone-48h"
    /// To the candidate and the engagement's team, when a deliverable is past due and not in.
    case milestoneOverdue = "milestone-overdue"
    /// To whichever side has not signed, two days after an agreement was issued.
    case agreementUnsigned = "agreement-unsigned"
    /// To the employer, when an application has waited in screening for five days.
    case screeningWaiting = "screening-waiting"
    /// Applications close at the end of the apply-by day; the applicants still waiting hear.
    case applyByClosed = "apply-by"
    /// To a reviewer whose scorecard is still missing two working days after they were asked.
    case reviewWaiting = "review-2wd"
    /// To the engagement's managers, when it is still missing two working days after that.
    case reviewLate = "review-4wd"
    /// To both sides, a week before an undecided version is accepted automatically.
    case autoAcceptInAWeek = "auto-accept-7d"
    /// The same, two days before.
    case autoAcceptSoon = "auto-accept-2d"
    /// To the side that has not answered a dispute two working days after it was opened.
    case disputeUnanswered = "dispute-2wd"

    private static let hour: TimeInterval = 3600
    private static let day: TimeInterval = 86_400

    /// When the reminder fires, from its moment: negative before it, positive after it.
    public var offset: TimeInterval {
        switch self {
        case .offerExpiring, .checkInTomorrow: -Self.day
        case .checkInSoon: -Self.hour
        case .milestoneDue: -2 * Self.day
        case .offerLapsed, .milestoneOverdue: 0
        case .agreementUnsigned: 2 * Self.day
        case .screeningWaiting: 5 * Self.day
        // The apply-by date is a day; applying is refused from the end of it (ApplicationLifecycle.applyRefusal).
        case .applyByClosed: Self.day
        // Their moments are already counted in working days from the assignment (`ReviewReminders`).
        case .reviewWaiting, .reviewLate, .disputeUnanswered: 0
        case .autoAcceptInAWeek: -7 * Self.day
        case .autoAcceptSoon: -2 * Self.day
        }
    }

    /// How long after firing the reminder is still worth sending (say, after the workers were
    /// stopped). A reminder ahead of something lapses when it happens, or when the next, closer
    /// reminder of it takes over; news of the past stays worth hearing for three days, no longer,
    /// so old history is never mailed out.
    public var window: TimeInterval {
        switch self {
        case .checkInTomorrow: Self.day - Self.hour
        case .autoAcceptInAWeek: 5 * Self.day
        case .offerExpiring, .checkInSoon, .milestoneDue, .autoAcceptSoon: -offset
        case .offerLapsed, .milestoneOverdue, .agreementUnsigned, .screeningWaiting, .applyByClosed, .reviewWaiting, .reviewLate, .disputeUnanswered: 3 * Self.day
        }
    }

    /// The moments whose reminder is due at `now`: later than `after`, at most `upTo`.
    public func moments(dueAt now: Date) -> (after: Date, upTo: Date) {
        let upTo = now.addingTimeInterval(-offset)
        return (upTo.addingTimeInterval(-window), upTo)
    }

    /// Whether the reminder of a thing at `moment` is due at `now`. A reminder ahead of the
    /// moment is only for things that existed when it would have fired: a check-in booked
    /// twenty minutes ahead gets no "in one hour" reminder, an offer made for a day no "one day left".
    public func isDue(moment: Date, createdAt: Date, now: Date) -> Bool {
        let range = moments(dueAt: now)
        guard moment > range.after, moment <= range.upTo else { return false }
        return offset >= 0 || createdAt <= moment.addingTimeInterval(offset)
    }

    /// The key recording the reminder of one thing as sent.
    public func key(_ id: UUID) -> String {
        "reminder.\(rawValue):\(id.uuidString.lowercased())"
    }
}
