import Foundation

/// A candidate's answer on their own application: accept or decline an offer, or withdraw.
public enum CandidateAnswer: String, CaseIterable, Sendable {
    case accept, decline, withdraw

    /// The state the answer asks for.
    public var target: ApplicationState {
        switch self {
        case .accept: .accepted
        case .decline: .declined
        case .withdraw: .withdrawn
        }
    }
}

/// A candidate's answer refused because of the engagement their place already started.
public enum CandidateAnswerRefusal: Error, Equatable, Sendable, StateRefusal {
    case workStarted

    public var description: String {
        switch self {
        case .workStarted: "Work has started: end the engagement from its page instead."
        }
    }
}

/// What a candidate's answer does besides moving the application: an accepted place starts an
/// engagement, and giving back a place whose agreements are still being signed ends it.
public enum CandidateAnswers {
    public enum FollowUp: Equatable, Sendable {
        case none
        case startEngagement
        case endEngagement(reason: String)
    }

    /// Checks the engagement the application started, if any, before the move: once work has
    /// started the place is no longer the application's to give back.
    public static func check(engagement: EngagementState?) throws(CandidateAnswerRefusal) {
        if let engagement, !EngagementLifecycle.placeCanBeWithdrawn(engagement) { throw .workStarted }
    }

    /// What follows once the answer landed in `landed` (an accept may land on the waiting list).
    public static func followUp(landed: ApplicationState, hasEngagement: Bool) -> FollowUp {
        switch landed {
        case .accepted: .startEngagement
        case .withdrawn where hasEngagement: .endEngagement(reason: "The candidate withdrew before the work started.")
        default: .none
        }
    }
}
