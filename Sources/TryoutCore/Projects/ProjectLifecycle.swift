/// Why a project cannot move to the state asked for.
public enum ProjectTransitionError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed(from: ProjectState, to: ProjectState)
    case lintFailed([LintFinding])
    case organizationSuspended
    /// The move was allowed but could not be saved.
    case storage(String)

    public var description: String {
        switch self {
        case .notAllowed(let from, let to): "A \(from.rawValue) project cannot be \(to.rawValue)."
        case .lintFailed(let findings): "The brief is not ready to publish: " + findings.map(\.message).joined(separator: " ")
        case .organizationSuspended: "This organization is suspended and cannot publish projects."
        case .storage: "The change could not be saved; please try again."
        }
    }
}

/// `draft → published → closed → completed`, or `cancelled` from any state before completion.
public enum ProjectLifecycle {
    public static func allowedTargets(from state: ProjectState) -> Set<ProjectState> {
        switch state {
        case .draft: [.published, .cancelled]
        case .published: [.closed, .cancelled]
        case .closed: [.completed, .cancelled]
        case .completed, .cancelled: []
        }
    }

    /// Checks a move; publishing also runs the compliance lint and needs an organization in good standing.
    public static func check(from state: ProjectState, to target: ProjectState, brief: Brief,
                             organization: OrganizationStatus, hourlyFloor: Money? = nil) throws(ProjectTransitionError) {
        guard allowedTargets(from: state).contains(target) else { throw .notAllowed(from: state, to: target) }
        guard target == .published else { return }
        if organization == .suspended { throw .organizationSuspended }
        let report = ComplianceLint.check(brief, hourlyFloor: hourlyFloor)
        if !report.canPublish { throw .lintFailed(report.errors) }
    }

    /// Drafts and published projects can be edited; once published, changed deliverables or
    /// rubric become a new version (see `ProjectBriefs`), so earlier applicants keep theirs.
    public static func isEditable(_ state: ProjectState) -> Bool { state == .draft || state == .published }
}
