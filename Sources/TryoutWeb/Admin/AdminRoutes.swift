import Foundation
import TryoutCore

extension SiteURL {
    /// Platform administration: organizations and the platform-wide audit log, on pages and over the API.
    enum Admin: RoutePath {
        case organizations
        case organizationStatus(Parameter<OrganizationID>)
        case auditLog
        /// The job queue, filtered by state and kind when given.
        case jobs(state: String? = nil, kind: String? = nil)
        case retryJob(Parameter<JobID>)
        case discardJob(Parameter<JobID>)
        case api(API)

        enum API: Sendable {
            case organizations
            case organizationStatus(Parameter<OrganizationID>)
        }

        var segments: [PathSegment] {
            switch self {
            case .organizations, .api(.organizations): prefix + [.constant("admin"), .constant("organizations")]
            case .organizationStatus(let id), .api(.organizationStatus(let id)):
                prefix + [.constant("admin"), .constant("organizations"), .parameter("organizationID", id), .constant("status")]
            case .auditLog: [.constant("admin"), .constant("audit")]
            case .jobs: [.constant("admin"), .constant("jobs")]
            case .retryJob(let id): [.constant("admin"), .constant("jobs"), .parameter("jobID", id), .constant("retry")]
            case .discardJob(let id): [.constant("admin"), .constant("jobs"), .parameter("jobID", id), .constant("discard")]
            }
        }

        var query: [URLQueryItem] {
            guard case .jobs(let state, let kind) = self else { return [] }
            return [state.map { URLQueryItem(name: "state", value: $0) }, kind.map { URLQueryItem(name: "kind", value: $0) }].compactMap { $0 }
        }

        private var prefix: [PathSegment] {
            if case .api = self { return SiteURL.apiPrefix }
            return []
        }

        static var templates: [Self] {
            [.organizations, .organizationStatus(.key), .auditLog, .jobs(), .retryJob(.key), .discardJob(.key),
             .api(.organizations), .api(.organizationStatus(.key))]
        }
    }
}
