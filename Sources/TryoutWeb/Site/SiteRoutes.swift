import Foundation

extension SiteURL {
    /// The home page and the assets every page loads.
    enum Site: RoutePath {
        case home
        case stylesheet
        case skillScript

        var segments: [PathSegment] {
            switch self {
            case .home: []
            case .stylesheet: [.constant("assets"), .constant("site.css")]
            case .skillScript: [.constant("assets"), .constant("skills.js")]
            }
        }

        static var templates: [Self] { [.home, .stylesheet, .skillScript] }
    }
}
