import Foundation

/// Who reads which scorecards of a version. Reviewers judge independently: nobody on the panel
/// sees another's scores before submitting their own. The candidate sees the result once the
/// version is decided, and individual scorecards only where the organization allows it.
public enum ReviewVisibility {
    public enum Viewer: Sendable, Equatable {
        /// Assigned to score the version.
        case panelist(submitted: Bool)
        /// Runs the engagement and decides; `mustScore` when the project wants the manager's own scorecard first.
        case manager(mustScore: Bool, submitted: Bool)
        case candidate(decided: Bool, individualScoresShown: Bool)
        case outsider
    }

    public enum Sight: Sendable, Equatable {
        /// Not even that the version is reviewed here: a 404.
        case nothing
        /// Their own scorecard, if any, and that others are scoring.
        case own
        /// Every submitted scorecard, with who wrote it.
        case panel
        /// The medians and comments; `individual`: each scorecard too, without names.
        case result(individual: Bool)
    }

    public static func sight(_ viewer: Viewer) -> Sight {
        switch viewer {
        case .panelist(let submitted): submitted ? .panel : .own
        case .manager(let mustScore, let submitted): !mustScore || submitted ? .panel : .own
        case .candidate(let decided, let shown): decided ? .result(individual: shown) : .nothing
        case .outsider: .nothing
        }
    }
}
