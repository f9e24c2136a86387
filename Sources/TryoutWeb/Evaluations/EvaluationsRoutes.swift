import Foundation
import TryoutCore

extension SiteURL {
    /// An engagement's final evaluation (the manager records it, the candidate reads it) and the
    /// candidate's exit survey; an organization's surveys in aggregate; the same in the API.
    enum Evaluations: RoutePath {
        case evaluation(Parameter<EngagementID>)
        case survey(Parameter<EngagementID>)
        case surveys(Parameter<String>)
        case api(API)

        enum API: Sendable {
            case evaluation(Parameter<EngagementID>)
            case survey(Parameter<EngagementID>)
            case surveys(Parameter<String>)
        }

        var segments: [PathSegment] {
            switch self {
            case .evaluation(let id): Self.engagement(id) + [.constant("evaluation")]
            case .survey(let id): Self.engagement(id) + [.constant("survey")]
            case .surveys(let slug): [.constant("orgs"), .parameter("slug", slug), .constant("surveys")]
            case .api(.evaluation(let id)): SiteURL.apiPrefix + Self.engagement(id) + [.constant("evaluation")]
            case .api(.survey(let id)): SiteURL.apiPrefix + Self.engagement(id) + [.constant("survey")]
            case .api(.surveys(let slug)): SiteURL.apiPrefix + [.constant("organizations"), .parameter("slug", slug), .constant("surveys")]
            }
        }

        private static func engagement(_ id: Parameter<EngagementID>) -> [PathSegment] {
            [.constant("engagements"), .parameter("engagementID", id)]
        }

        static var templates: [Self] {
            [.evaluation(.key), .survey(.key), .surveys(.key), .api(.evaluation(.key)), .api(.survey(.key)), .api(.surveys(.key))]
        }
    }
}
