import Foundation

extension SiteURL {
    /// The ESCO skills taxonomy: only its public API has an address; forms suggest from it.
    enum Skills: RoutePath {
        case api(API)

        enum API: Sendable {
            case search
        }

        var segments: [PathSegment] {
            switch self {
            case .api(.search): SiteURL.apiPrefix + [.constant("skills")]
            }
        }

        static var templates: [Self] { [.api(.search)] }
    }
}
