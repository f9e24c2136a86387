import Foundation

extension SiteURL {
    /// A candidate's own profile, their voluntary questions and the projects recommended to them.
    enum Profiles: RoutePath {
        case profile
        case demographics
        case recommended
        /// A new candidate's first steps: skills, availability and time zone, then `next`.
        case start(next: String? = nil)
        case api(API)

        /// The candidate's own profile over the API, read and replaced whole.
        enum API: Sendable {
            case profile
        }

        var segments: [PathSegment] {
            switch self {
            case .profile: [.constant("profile")]
            case .demographics: [.constant("profile"), .constant("demographics")]
            case .recommended: [.constant("profile"), .constant("recommended")]
            case .start: [.constant("profile"), .constant("start")]
            case .api(.profile): SiteURL.apiPrefix + [.constant("me"), .constant("profile")]
            }
        }

        var query: [URLQueryItem] {
            guard case .start(let next?) = self else { return [] }
            return [URLQueryItem(name: "next", value: next)]
        }

        static var templates: [Self] { [.profile, .demographics, .recommended, .start(), .api(.profile)] }
    }
}
