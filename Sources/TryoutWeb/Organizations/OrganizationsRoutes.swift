import Foundation
import TryoutCore

extension SiteURL {
    /// An organization's public page and, for its members, its people, invitations, audit log and
    /// settings; the page an invitation e-mail links to; the same over the API.
    enum Organizations: RoutePath {
        case organization(Parameter<String>, Page? = nil)
        case invitation(Parameter<String>)
        case acceptInvitation(Parameter<String>)
        case api(API)

        /// The pages and forms under `/orgs/:slug` that belong to membership.
        enum Page: Sendable {
            case members
            case invitations
            case revokeInvitation(Parameter<InvitationID>)
            case memberRole(Parameter<MemberID>)
            case removeMember(Parameter<MemberID>)
            case auditLog
            case settings
        }

        /// Members, invitations and the audit log over the API.
        enum API: Sendable {
            case members(Parameter<String>)
            case member(Parameter<String>, Parameter<MemberID>)
            case invitations(Parameter<String>)
            case invitation(Parameter<String>, Parameter<InvitationID>)
            case auditEvents(Parameter<String>)
        }

        var segments: [PathSegment] {
            switch self {
            case .organization(let slug, let page): [.constant("orgs"), .parameter("slug", slug)] + (page.map(Self.segments) ?? [])
            case .invitation(let token): [.constant("invitations"), .parameter("token", token)]
            case .acceptInvitation(let token): [.constant("invitations"), .parameter("token", token), .constant("accept")]
            case .api(let route): SiteURL.apiPrefix + Self.segments(route)
            }
        }

        private static func segments(_ page: Page) -> [PathSegment] {
            switch page {
            case .members: [.constant("members")]
            case .invitations: [.constant("invitations")]
            case .revokeInvitation(let id): [.constant("invitations"), .parameter("invitationID", id), .constant("revoke")]
            case .memberRole(let id): [.constant("members"), .parameter("memberID", id), .constant("role")]
            case .removeMember(let id): [.constant("members"), .parameter("memberID", id), .constant("remove")]
            case .auditLog: [.constant("audit")]
            case .settings: [.constant("settings")]
            }
        }

        private static func segments(_ route: API) -> [PathSegment] {
            let organization: (Parameter<String>) -> [PathSegment] = { [.constant("organizations"), .parameter("slug", $0)] }
            return switch route {
            case .members(let slug): organization(slug) + [.constant("members")]
            case .member(let slug, let id): organization(slug) + [.constant("members"), .parameter("memberID", id)]
            case .invitations(let slug): organization(slug) + [.constant("invitations")]
            case .invitation(let slug, let id): organization(slug) + [.constant("invitations"), .parameter("invitationID", id)]
            case .auditEvents(let slug): organization(slug) + [.constant("audit-events")]
            }
        }

        static var templates: [Self] {
            [.organization(.key), .organization(.key, .members), .organization(.key, .invitations),
             .organization(.key, .revokeInvitation(.key)), .organization(.key, .memberRole(.key)), .organization(.key, .removeMember(.key)),
             .organization(.key, .auditLog), .organization(.key, .settings), .invitation(.key), .acceptInvitation(.key),
             .api(.members(.key)), .api(.member(.key, .key)), .api(.invitations(.key)), .api(.invitation(.key, .key)),
             .api(.auditEvents(.key))]
        }
    }
}
