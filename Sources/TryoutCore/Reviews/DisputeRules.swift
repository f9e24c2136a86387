import Foundation

/// What a dispute is about. A decision on a version can be contested when changes were asked
/// for; an engagement's early ending once it ended; the amount owed at any point once work began.
public enum DisputeSubject: String, Sendable, Codable, CaseIterable {
    case versionDecision = "version_decision"
    case earlyEnding = "early_ending"
    case amountOwed = "amount_owed"

    public var label: String {
        switch self {
        case .versionDecision: "A decision on a version"
        case .earlyEnding: "The engagement ending early"
        case .amountOwed: "The amount owed"
        }
    }
}

/// Where a dispute stands: the other side answers, then a platform admin decides.
public enum DisputeState: String, Sendable, Codable, CaseIterable {
    case awaitingResponse = "awaiting_response"
    case awaitingDecision = "awaiting_decision"
    case decided
    case withdrawn

    public var label: String {
        switch self {
        case .awaitingResponse: "Waiting for the other side's answer"
        case .awaitingDecision: "Waiting for a decision"
        case .decided: "Decided"
        case .withdrawn: "Withdrawn"
        }
    }

    public var isOpen: Bool { self == .awaitingResponse || self == .awaitingDecision }
}

/// A platform admin's decision.
public enum DisputeOutcome: String, Sendable, Codable, CaseIterable {
    /// The decision or ending stands.
    case upheld
    /// The version is accepted, with everything accepting brings.
    case overturned
    /// A share of the deliverable's pay is owed (moved once payments exist).
    case partial
    /// Scored again, blind, by a reviewer who has not seen the work.
    case reReview = "re_review"

    public var label: String {
        switch self {
        case .upheld: "Upheld"
        case .overturned: "Overturned: the version is accepted"
        case .partial: "Partly: a share of the pay is owed"
        case .reReview: "Reviewed again by someone new"
        }
    }

    /// Overturning and re-reviewing act on a version; a share of pay fits every subject.
    public func fits(_ subject: DisputeSubject) -> Bool {
        switch self {
        case .upheld, .partial: true
        case .overturned, .reReview: subject == .versionDecision
        }
    }
}

public enum DisputeError: Error, Equatable, CustomStringConvertible, StateRefusal {
    case notDisputable(DisputeSubject)
    case alreadyOpen
    case notYourTurn
    case closed
    case outcomeDoesNotFit(DisputeOutcome, DisputeSubject)

    public var description: String {
        switch self {
        case .notDisputable(.versionDecision): "Only a version that was sent back for changes can be disputed."
        case .notDisputable(.earlyEnding): "Only an engagement that ended early can have its ending disputed."
        case .notDisputable(.amountOwed): "The amount owed can be disputed once the work has started."
        case .alreadyOpen: "A dispute about this is already open."
        case .notYourTurn: "The other side answers a dispute; the side that opened it waits for the decision."
        case .closed: "This dispute is closed."
        case .outcomeDoesNotFit(let outcome, let subject): "“\(outcome.label)” does not apply to \(subject.label.lowercased())."
        }
    }
}

/// The rules of disputes: who may open one, about what, who answers, by when, and what a decision may say.
public enum DisputeRules {
    /// The other side has this many working days to answer; a reminder comes after `reminderDays`.
    public static let responseDays = 5
    public static let reminderDays = 2

    /// Whether a dispute about `subject` may be opened now. `versionState` is the disputed
    /// version's (for a version decision); `openSubjects` those already open in the engagement,
    /// with the version they are about.
    public static func checkOpen(_ subject: DisputeSubject, engagement: EngagementState, versionState: MilestoneState?,
                                 versionID: UUID?, open: [(subject: DisputeSubject, versionID: UUID?)]) throws(DisputeError) {
        switch subject {
        case .versionDecision:
            guard versionState == .changesRequested else { throw .notDisputable(subject) }
        case .earlyEnding:
            guard engagement == .terminated else { throw .notDisputable(subject) }
        case .amountOwed:
            guard engagement != .contracting else { throw .notDisputable(subject) }
        }
        if open.contains(where: { $0.subject == subject && $0.versionID == versionID }) { throw .alreadyOpen }
    }

    /// The side that did not open the dispute answers it, once, while it waits for the answer.
    public static func checkAnswer(_ state: DisputeState, openedBy: EngagementSide, answeringSide: EngagementSide) throws(DisputeError) {
        guard state == .awaitingResponse else { throw state.isOpen ? .notYourTurn : .closed }
        guard answeringSide != openedBy else { throw .notYourTurn }
    }

    /// When the answer is due: `responseDays` working days after opening.
    public static func answerDue(openedAt: Date) -> Date { WorkingDays.adding(responseDays, to: openedAt) }

    /// A platform admin decides an open dispute once it was answered or the answer is late.
    public static func checkDecision(_ outcome: DisputeOutcome, subject: DisputeSubject, state: DisputeState,
                                     openedAt: Date, now: Date) throws(DisputeError) {
        guard state.isOpen else { throw .closed }
        guard state == .awaitingDecision || now >= answerDue(openedAt: openedAt) else { throw .notYourTurn }
        guard outcome.fits(subject) else { throw .outcomeDoesNotFit(outcome, subject) }
    }

    /// The side that opened it may withdraw while it is open.
    public static func checkWithdrawal(_ state: DisputeState, openedBy: EngagementSide, side: EngagementSide) throws(DisputeError) {
        guard state.isOpen else { throw .closed }
        guard side == openedBy else { throw .notYourTurn }
    }
}
