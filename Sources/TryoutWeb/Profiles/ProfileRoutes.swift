import Foundation

extension SiteURL {
    /// A candidate's own profile, their voluntary questions and the projects recommended to them.
    enum Profiles: RoutePath {
        case profile
        case demographics
        case recommended
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
            case .api(.profile): SiteURL.apiPrefix + [.constant("me"), .constant("profile")]
            }
        }

        static var templates: [Self] { [.profile, .demographics, .recommended, .api(.profile)] }
    }
}
