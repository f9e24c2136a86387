import Foundation

/// Where an application stands. `accepted` turns it into an engagement; `rejected`,
/// `withdrawn` and `declined` end it.
public enum ApplicationState: String, Codable, Sendable, CaseIterable {
    case submitted, shortlisted, waitlisted, offered, accepted, rejected, withdrawn, declined

    /// Still in the running: it holds the candidate's one live application to the project.
    public var isLive: Bool { [.submitted, .shortlisted, .waitlisted, .offered].contains(self) }

    public var label: String {
        switch self {
        case .submitted: "Submitted"
        case .shortlisted: "Shortlisted"
        case .waitlisted: "Waitlisted"
        case .offered: "Offered"
        case .accepted: "Accepted"
        case .rejected: "Not selected"
        case .withdrawn: "Withdrawn"
        case .declined: "Declined"
        }
    }
}

/// Which side moves an application: the employer screens and offers, the candidate answers.
public enum ApplicationActor: Sendable, Equatable {
    case employer, candidate
}

/// Why an application cannot move as asked.
public enum ApplicationTransitionError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed(from: ApplicationState, to: ApplicationState)
    case notYours(ApplicationState)
    case offerExpired
    case offerStillOpen
    case noSlotLeft

    public var description: String {
        switch self {
        case .notAllowed(let from, let to): "An application that is \(from.label.lowercased()) cannot become \(to.label.lowercased())."
        case .notYours(let to): "Only the \(to == .accepted || to == .declined || to == .withdrawn ? "candidate" : "employer") can do that."
        case .offerExpired: "The offer has expired."
        case .offerStillOpen: "The offer is still open: it can be turned down only by the candidate until it lapses."
        case .noSlotLeft: "Every place on this project is taken; the application stays on the waiting list."
        }
    }
}

/// `submitted → shortlisted → offered → accepted`, with `waitlisted` beside the shortlist, and
/// `rejected`, `withdrawn` and `declined` as the ways out.
public enum ApplicationLifecycle {
    public static func allowedTargets(from state: ApplicationState) -> Set<ApplicationState> {
        switch state {
        case .submitted: [.shortlisted, .waitlisted, .rejected, .withdrawn]
        case .shortlisted: [.offered, .waitlisted, .rejected, .withdrawn]
        case .waitlisted: [.shortlisted, .offered, .rejected, .withdrawn]
        // The employer may turn down an offer only once it has lapsed unanswered.
        case .offered: [.accepted, .declined, .withdrawn, .rejected]
        // Backing out before the work starts frees the place for the waiting list.
        case .accepted: [.withdrawn]
        case .rejected, .withdrawn, .declined: []
        }
    }

    /// Why a project takes no application now, or nil when it does. The deadline is a day: it
    /// holds until that day ends (UTC).
    public static func applyRefusal(projectState: ProjectState, deadline: Date?, now: Date) -> String? {
        if projectState != .published { return "This project is not taking applications." }
        if let deadline, now >= deadline.addingTimeInterval(86_400) { return "The deadline for applications has passed." }
        return nil
    }

    /// Who may make the move into `target`.
    public static func actor(for target: ApplicationState) -> ApplicationActor {
        switch target {
        case .accepted, .declined, .withdrawn: .candidate
        case .submitted, .shortlisted, .waitlisted, .offered, .rejected: .employer
        }
    }

    /// Checks a move. Accepting needs an offer that has not expired and a free slot (`slotsTaken`
    /// counts accepted applications, read under a lock by the caller).
    public static func check(from state: ApplicationState, to target: ApplicationState, by actor: ApplicationActor,
                             offerExpired: Bool = false, slots: Int = 1, slotsTaken: Int = 0) throws(ApplicationTransitionError) {
        guard allowedTargets(from: state).contains(target) else { throw .notAllowed(from: state, to: target) }
        guard Self.actor(for: target) == actor else { throw .notYours(target) }
        if state == .offered && target == .rejected && !offerExpired { throw .offerStillOpen }
        if target == .accepted {
            if offerExpired { throw .offerExpired }
            if slotsTaken >= slots { throw .noSlotLeft }
        }
    }

    /// Where a candidate's move lands: an accept that finds every place taken goes to the waiting
    /// list instead of failing, so the candidate keeps their turn.
    public static func landing(from state: ApplicationState, to target: ApplicationState, offerExpired: Bool, slots: Int,
                               slotsTaken: Int) throws(ApplicationTransitionError) -> ApplicationState {
        do {
            try check(from: state, to: target, by: .candidate, offerExpired: offerExpired, slots: slots, slotsTaken: slotsTaken)
            return target
        } catch .noSlotLeft {
            return .waitlisted
        }
    }

    /// Whether a move frees a place, which the first on the waiting list is then offered.
    public static func freesPlace(from state: ApplicationState, to target: ApplicationState) -> Bool {
        state == .accepted && target != .accepted
    }

    /// The applications a project's move ends: closing declines those still in screening and lets
    /// open offers stand; cancelling ends the offers too.
    public static func endedBy(_ project: ProjectState) -> [ApplicationState] {
        switch project {
        case .closed: [.submitted, .shortlisted, .waitlisted]
        case .cancelled: [.submitted, .shortlisted, .waitlisted, .offered]
        case .draft, .published, .completed: []
        }
    }
}

/// An employer's decision on some applications of one project, as the form or the API sends it.
public struct ApplicationDecision: Sendable, Equatable {
    public static let maxApplications = 200
    public static let maxMessageLength = 2000
    /// The moves an employer makes from the applicant list.
    public static let targets: [ApplicationState] = [.shortlisted, .waitlisted, .offered, .rejected]

    public var ids: [UUID]
    public var target: ApplicationState
    public var message: String

    /// The decision with its message trimmed, or every problem at once.
    public init(ids: [UUID], target: ApplicationState?, message: String) throws(ValidationFailure) {
        var v = Validator()
        v.check(!ids.isEmpty, "applications", "Choose at least one applicant.")
        v.check(ids.count <= Self.maxApplications, "applications", "Choose at most \(Self.maxApplications) applicants at once.")
        v.check(target.map(Self.targets.contains) == true, "action", "Choose shortlist, waiting list, offer or not selected.")
        let note = TextInput.trimmed(message)
        v.check(TextInput.isStorable(note), "message", "The message contains control characters; remove them.")
        v.check(message.unicodeScalars.count <= Self.maxMessageLength, "message", "The message must be at most \(Self.maxMessageLength) characters.")
        try v.finish()
        self.ids = Array(Set(ids))
        self.target = target ?? .rejected
        self.message = note
    }
}