import Foundation
import TryoutCore

extension SiteURL {
    /// How well reviewers agree: an organization's and a project's calibration, as pages for
    /// owners and admins and in the API.
    enum Calibrations: RoutePath {
        case organization(Parameter<String>)
        case project(Parameter<ProjectID>)
        case api(API)

        enum API: Sendable {
            case organization(Parameter<String>)
            case project(Parameter<ProjectID>)
        }

        var segments: [PathSegment] {
            switch self {
            case .organization(let slug): [.constant("orgs"), .parameter("slug", slug), .constant("calibration")]
            case .project(let id): [.constant("projects"), .parameter("projectID", id), .constant("calibration")]
            case .api(.organization(let slug)): SiteURL.apiPrefix + [.constant("organizations"), .parameter("slug", slug), .constant("calibration")]
            case .api(.project(let id)): SiteURL.apiPrefix + [.constant("projects"), .parameter("projectID", id), .constant("calibration")]
            }
        }

        static var templates: [Self] { [.organization(.key), .project(.key), .api(.organization(.key)), .api(.project(.key))] }
    }
}
