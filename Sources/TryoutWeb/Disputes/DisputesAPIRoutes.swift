import Foundation
import TryoutCore

extension SiteURL {
    /// The disputes API: an engagement's disputes and opening one, one dispute and the moves on
    /// it, and the platform admins' open disputes.
    enum DisputesAPI: RoutePath {
        case engagement(Parameter<EngagementID>)
        case dispute(Parameter<DisputeID>, SiteURL.Disputes.Move? = nil)
        case desk

        var segments: [PathSegment] {
            switch self {
            case .engagement(let id): SiteURL.apiPrefix + [.constant("engagements"), .parameter("engagementID", id), .constant("disputes")]
            case .dispute(let id, let move):
                SiteURL.apiPrefix + [.constant("disputes"), .parameter("disputeID", id)] + (move.map { [.constant($0.rawValue)] } ?? [])
            case .desk: SiteURL.apiPrefix + [.constant("admin"), .constant("disputes")]
            }
        }

        static var templates: [Self] {
            [.engagement(.key), .dispute(.key), .desk] + SiteURL.Disputes.Move.allCases.map { .dispute(.key, $0) }
        }
    }
}
