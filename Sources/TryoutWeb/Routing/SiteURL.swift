import Foundation
import TryoutCore

/// Every page address in one place, so links and redirects never spell paths by hand.
enum SiteURL {
    case site(Site)
    case signIn, signUp, signOut
    case forgotPassword
    case resetPassword(token: String)
    case verifyEmail(token: String)
    case resendVerification
    case settings, settingsProfile, settingsPassword, settingsTokens
    case revokeToken(UUID)
    case organizations(Organizations)
    case students(Students)
    case profiles(Profiles)
    case skills(Skills)
    case admin(Admin)
    case projects(Projects)
    case applications(Applications)
    case engagements(Engagements)

    var path: String {
        switch self {
        case .site(let route): route.path
        case .signIn: "/signin"
        case .signUp: "/signup"
        case .signOut: "/signout"
        case .forgotPassword: "/password/forgot"
        case .resetPassword(let token): "/password/reset/\(token)"
        case .verifyEmail(let token): "/email/verify/\(token)"
        case .resendVerification: "/settings/email/verification"
        case .settings: "/settings"
        case .settingsProfile: "/settings/profile"
        case .settingsPassword: "/settings/password"
        case .settingsTokens: "/settings/tokens"
        case .revokeToken(let id): "/settings/tokens/\(id.uuidString.lowercased())/revoke"
        case .profiles(let route): route.path
        case .skills(let route): route.path
        case .organizations(let route): route.path
        case .students(let route): route.path
        case .admin(let route): route.path
        case .projects(let route): route.path
        case .applications(let route): route.path
        case .engagements(let route): route.path
        }
    }

    /// The absolute address for e-mails.
    func absolute(base: String) -> String { base + path }
}
