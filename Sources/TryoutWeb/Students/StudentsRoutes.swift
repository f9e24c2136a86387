import Foundation
import TryoutCore

extension SiteURL {
    /// A partner's students: the staff's list and invitations under `/orgs/:slug/students`, the
    /// link a student joins by, and leaving a school from the settings.
    enum Students: RoutePath {
        case list(Parameter<String>)
        case invitations(Parameter<String>)
        case revokeInvitation(Parameter<String>, Parameter<StudentInvitationID>)
        case remove(Parameter<String>, Parameter<StudentID>)
        case invitation(Parameter<String>)
        case acceptInvitation(Parameter<String>)
        case leave(Parameter<StudentID>)

        var segments: [PathSegment] {
            let students: (Parameter<String>) -> [PathSegment] = { [.constant("orgs"), .parameter("slug", $0), .constant("students")] }
            let join: (Parameter<String>) -> [PathSegment] = { [.constant("students"), .constant("join"), .parameter("token", $0)] }
            return switch self {
            case .list(let slug): students(slug)
            case .invitations(let slug): students(slug) + [.constant("invitations")]
            case .revokeInvitation(let slug, let id): students(slug) + [.constant("invitations"), .parameter("invitationID", id), .constant("revoke")]
            case .remove(let slug, let id): students(slug) + [.parameter("studentID", id), .constant("remove")]
            case .invitation(let token): join(token)
            case .acceptInvitation(let token): join(token) + [.constant("accept")]
            case .leave(let id): [.constant("settings"), .constant("schools"), .parameter("studentID", id), .constant("leave")]
            }
        }

        static var templates: [Self] {
            [.list(.key), .invitations(.key), .revokeInvitation(.key, .key), .remove(.key, .key), .invitation(.key), .acceptInvitation(.key),
             .leave(.key)]
        }
    }
}
