/// The orders a project's list of applicants offers. Ties go to the earlier application.
public enum ApplicantSort: String, CaseIterable, Sendable {
    case match, newest, oldest

    public var label: String {
        switch self {
        case .match: "Best match"
        case .newest: "Newest"
        case .oldest: "Oldest"
        }
    }
}
