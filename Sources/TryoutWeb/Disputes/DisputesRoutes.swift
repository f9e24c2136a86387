import Foundation
import TryoutCore

extension SiteURL {
    /// Disputes: an engagement's list and the form to open one, one dispute's page and the moves
    /// on it (answer, withdraw, a platform admin's decision), and the admins' desk of open ones.
    enum Disputes: RoutePath {
        case engagement(Parameter<EngagementID>)
        case dispute(Parameter<DisputeID>, Move? = nil)
        case desk

        enum Move: String, Sendable, CaseIterable {
            case answer, withdraw, decision
        }

        var segments: [PathSegment] {
            switch self {
            case .engagement(let id): [.constant("engagements"), .parameter("engagementID", id), .constant("disputes")]
            case .dispute(let id, let move): [.constant("disputes"), .parameter("disputeID", id)] + (move.map { [.constant($0.rawValue)] } ?? [])
            case .desk: [.constant("admin"), .constant("disputes")]
            }
        }

        static var templates: [Self] {
            [.engagement(.key), .dispute(.key), .desk] + Move.allCases.map { .dispute(.key, $0) }
        }
    }
}
