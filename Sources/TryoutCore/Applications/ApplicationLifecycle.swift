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
    case noSlotLeft

    public var description: String {
        switch self {
        case .notAllowed(let from, let to): "An application that is \(from.label.lowercased()) cannot become \(to.label.lowercased())."
        case .notYours(let to): "Only the \(to == .accepted || to == .declined || to == .withdrawn ? "candidate" : "employer") can do that."
        case .offerExpired: "The offer has expired."
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
        case .offered: [.accepted, .declined, .withdrawn]
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
        if target == .accepted {
            if offerExpired { throw .offerExpired }
            if slotsTaken >= slots { throw .noSlotLeft }
        }
    }
}
