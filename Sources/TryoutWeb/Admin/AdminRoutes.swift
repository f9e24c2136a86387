import TryoutCore

extension SiteURL {
    /// Platform administration: organizations and the platform-wide audit log, on pages and over the API.
    enum Admin: RoutePath {
        case organizations
        case organizationStatus(Parameter<OrganizationID>)
        case auditLog
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
            }
        }

        private var prefix: [PathSegment] {
            if case .api = self { return SiteURL.apiPrefix }
            return []
        }

        static var templates: [Self] {
            [.organizations, .organizationStatus(.key), .auditLog, .api(.organizations), .api(.organizationStatus(.key))]
        }
    }
}
