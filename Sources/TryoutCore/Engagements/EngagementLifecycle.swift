import Foundation

/// Where an engagement stands. The first five follow from what has been done (signatures,
/// checklist, accepted work); `terminated` is a decision either side makes.
public enum EngagementState: String, Codable, Sendable, CaseIterable {
    case contracting, onboarding, active
    case inReview = "in_review"
    case completed, terminated

    public var label: String {
        switch self {
        case .contracting: "Signing agreements"
        case .onboarding: "Onboarding week"
        case .active: "Working"
        case .inReview: "In review"
        case .completed: "Completed"
        case .terminated: "Ended early"
        }
    }

    public var isOver: Bool { self == .completed || self == .terminated }

    /// Work (submissions, the time log, the checklist) waits for every signature, and stops at the end.
    public var allowsWork: Bool { [.onboarding, .active, .inReview].contains(self) }
}

/// Who someone is in an engagement, which decides what they may do in it.
public enum EngagementRole: String, Sendable, Equatable {
    /// The person doing the work.
    case candidate
    /// An owner, admin or hiring manager of the employer: signs, accepts work, ends it.
    case manager
    /// A member assigned to the engagement: talks, holds check-ins, ticks the employer's checklist items.
    case mentor

    public var side: EngagementSide { self == .candidate ? .candidate : .employer }
}

/// The two parties: agreements are signed and checklist items owned by a side.
public enum EngagementSide: String, Codable, Sendable, CaseIterable {
    case candidate, employer

    public var label: String { self == .candidate ? "Candidate" : "Employer" }
}

/// A milestone's state as the board shows it, from its newest submission.
public enum MilestoneState: String, Codable, Sendable, CaseIterable {
    case open, submitted
    case changesRequested = "changes_requested"
    case accepted

    public var label: String {
        switch self {
        case .open: "To do"
        case .submitted: "Waiting for feedback"
        case .changesRequested: "Changes requested"
        case .accepted: "Accepted"
        }
    }
}

/// What the engagement's state is computed from.
public struct EngagementProgress: Sendable, Equatable {
    public var agreementsSigned: Bool
    public var checklistDone: Bool
    public var milestones: [MilestoneState]

    public init(agreementsSigned: Bool, checklistDone: Bool, milestones: [MilestoneState]) {
        self.agreementsSigned = agreementsSigned
        self.checklistDone = checklistDone
        self.milestones = milestones
    }
}

/// What someone should do next, and who owes it: the first line of the engagement page.
public struct NextStep: Sendable, Equatable {
    public var owner: EngagementSide?
    public var text: String
}

/// Why an engagement move is refused.
public enum EngagementError: Error, Equatable, Sendable, CustomStringConvertible {
    case over(EngagementState)
    case notStarted
    case beforeStart(Date)
    case superseded
    case contractsFixed
    case checkInAhead
    case checkInWrittenUp
    case notYours
    case alreadySigned
    case tampered
    case milestoneAccepted
    case awaitingFeedback(version: Int)
    case nothingToReview

    public var description: String {
        switch self {
        case .over(let state): "This engagement is \(state.label.lowercased()); nothing more can change."
        case .notStarted: "Work starts once every agreement is signed by both sides."
        case .beforeStart(let start): "Work opens on \(AgreementTemplate.dayText(start)), the start date in the agreements; hand in versions from that day."
        case .superseded: "A newer version replaced this agreement; sign that one."
        case .contractsFixed: "Agreements can change only while they are being signed, before work starts."
        case .checkInAhead: "Notes can be written once the check-in has begun."
        case .checkInWrittenUp: "This check-in already has its notes; they are kept as written."
        case .notYours: "That is for the other side to do."
        case .alreadySigned: "This agreement is already signed by your side."
        case .tampered: "This agreement's text no longer matches its fingerprint; it cannot be signed. Ask for a new copy."
        case .milestoneAccepted: "This deliverable is already accepted."
        case .awaitingFeedback(let version): "Version \(version) is waiting for feedback; you can send a new one once it is answered."
        case .nothingToReview: "There is no submission waiting for feedback."
        }
    }
}

/// `contracting → onboarding → active → in_review → completed`, or `terminated`.
public enum EngagementLifecycle {
    /// Where an engagement goes after a move inside it, from the facts read in the move's
    /// transaction; nil when it stays where it is.
    public static func move(from current: EngagementState, _ progress: EngagementProgress) -> EngagementState? {
        let next = state(current: current, progress)
        return next == current ? nil : next
    }

    /// The state that the progress implies. A finished engagement never moves again.
    public static func state(current: EngagementState, _ progress: EngagementProgress) -> EngagementState {
        if current.isOver { return current }
        if !progress.agreementsSigned { return .contracting }
        if !progress.checklistDone { return .onboarding }
        if !progress.milestones.isEmpty && progress.milestones.allSatisfy({ $0 == .accepted }) { return .completed }
        if !progress.milestones.isEmpty && progress.milestones.allSatisfy({ $0 == .accepted || $0 == .submitted }) { return .inReview }
        return .active
    }

    /// The candidate may send a version of a milestone: once every agreement is signed, and from
    /// the start date on (UTC), the first day of work as the agreements say.
    public static func checkSubmit(engagement: EngagementState, milestone: MilestoneState, latestVersion: Int,
                                   start: Date, now: Date) throws(EngagementError) {
        try checkWork(engagement)
        guard now >= DueDates.startOfDay(start) else { throw .beforeStart(DueDates.startOfDay(start)) }
        switch milestone {
        case .accepted: throw .milestoneAccepted
        case .submitted: throw .awaitingFeedback(version: latestVersion)
        case .open, .changesRequested: break
        }
    }

    /// The employer may answer a milestone's newest version.
    public static func checkFeedback(engagement: EngagementState, milestone: MilestoneState) throws(EngagementError) {
        try checkWork(engagement)
        guard milestone == .submitted else { throw .nothingToReview }
    }

    public static func checkWork(_ state: EngagementState) throws(EngagementError) {
        if state.isOver { throw .over(state) }
        if !state.allowsWork { throw .notStarted }
    }

    /// A candidate may give back an accepted place only while the agreements are being signed;
    /// after that, the engagement is ended instead, with a reason.
    public static func placeCanBeWithdrawn(_ state: EngagementState) -> Bool {
        state == .contracting
    }

    /// A new version of an agreement may be issued only while the agreements are being signed.
    public static func checkReissue(_ state: EngagementState) throws(EngagementError) {
        guard state == .contracting else { throw .contractsFixed }
    }

    /// A check-in is written up once it has begun, while the engagement runs, and only once: notes
    /// and attendance are the employer side's record, which neither side rewrites afterwards.
    public static func checkNotes(_ state: EngagementState, startsAt: Date, now: Date, written: Bool) throws(EngagementError) {
        try checkOpen(state)
        guard startsAt <= now else { throw .checkInAhead }
        guard !written else { throw .checkInWrittenUp }
    }

    public static func checkOpen(_ state: EngagementState) throws(EngagementError) {
        if state.isOver { throw .over(state) }
    }

    /// The pay earned by accepted work: each deliverable's share by weight (equal shares when no
    /// weights are set), split exactly as escrow releases it. Ending early never takes it back.
    public static func owed(pay: Money, weights: [Int], accepted: [Bool]) -> Money {
        let earned = zip(PayShares.split(pay.amountMinor, weights: weights), accepted).filter(\.1).reduce(Int64(0)) { $0 + $1.0 }
        return Money(amountMinor: earned, currency: pay.currency)
    }

    /// The start day of the work: the brief's start date, or the day the place was accepted when
    /// that date has passed.
    public static func startDay(briefStart: Date?, acceptedAt: Date) -> Date {
        let today = DueDates.startOfDay(acceptedAt)
        guard let briefStart else { return today }
        return max(DueDates.startOfDay(briefStart), today)
    }

    public static func nextStep(state: EngagementState, unsigned: [(title: String, side: EngagementSide)],
                                openItems: [(title: String, owner: EngagementSide)], milestones: [(title: String, state: MilestoneState)]) -> NextStep {
        switch state {
        case .completed: return NextStep(owner: nil, text: "Every deliverable is accepted. The engagement is complete.")
        case .terminated: return NextStep(owner: nil, text: "The engagement ended early. Pay for accepted work stays owed.")
        case .contracting:
            let first = unsigned.first
            return NextStep(owner: first?.side, text: "Sign “\(first?.title ?? "the agreements")”.")
        case .onboarding:
            let first = openItems.first
            return NextStep(owner: first?.owner, text: "Onboarding: \(first?.title ?? "finish the checklist").")
        case .active, .inReview:
            if let review = milestones.first(where: { $0.state == .submitted }) {
                return NextStep(owner: .employer, text: "Give feedback on “\(review.title)”.")
            }
            let todo = milestones.first { $0.state == .open || $0.state == .changesRequested }
            return NextStep(owner: .candidate, text: "Submit “\(todo?.title ?? "the next deliverable")”.")
        }
    }
}

/// Due dates: a deliverable is due at the end of the day `dueOffsetDays` after the start (UTC).
public enum DueDates {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public static func startOfDay(_ date: Date) -> Date { utc.startOfDay(for: date) }

    public static func due(start: Date, offsetDays: Int) -> Date {
        startOfDay(start).addingTimeInterval(Double(offsetDays) * 86_400)
    }

    /// Late means after the due day has ended.
    public static func isLate(submittedAt: Date, due: Date) -> Bool {
        submittedAt >= startOfDay(due).addingTimeInterval(86_400)
    }

    public static func end(start: Date, weeks: Int) -> Date {
        startOfDay(start).addingTimeInterval(Double(weeks * 7) * 86_400)
    }
}
