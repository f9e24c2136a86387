import Foundation
import TryoutCore

extension SiteURL {
    /// Signing up and in, confirming the address, resetting the password, and the person's own
    /// settings and API tokens.
    enum Accounts: RoutePath {
        /// `next`: the page the new person came from, where their first steps end.
        case signUp(kind: AccountKind? = nil, next: String? = nil)
        case signIn(next: String? = nil)
        case signOut
        case forgotPassword
        case resetPassword(Parameter<String>)
        case verifyEmail(Parameter<String>, next: String? = nil)
        case resendVerification
        case settings
        case settingsProfile
        case settingsPassword
        case settingsTokens
        case revokeToken(Parameter<APITokenID>)
        case api(API)

        /// The person's own account over the API.
        enum API: Sendable {
            case me
            case tokens
            case token(Parameter<APITokenID>)
        }

        var segments: [PathSegment] {
            switch self {
            case .signUp: [.constant("signup")]
            case .signIn: [.constant("signin")]
            case .signOut: [.constant("signout")]
            case .forgotPassword: [.constant("password"), .constant("forgot")]
            case .resetPassword(let token): [.constant("password"), .constant("reset"), .parameter("token", token)]
            case .verifyEmail(let token, _): [.constant("email"), .constant("verify"), .parameter("token", token)]
            case .resendVerification: [.constant("settings"), .constant("email"), .constant("verification")]
            case .settings: [.constant("settings")]
            case .settingsProfile: [.constant("settings"), .constant("profile")]
            case .settingsPassword: [.constant("settings"), .constant("password")]
            case .settingsTokens: [.constant("settings"), .constant("tokens")]
            case .revokeToken(let id): [.constant("settings"), .constant("tokens"), .parameter("tokenID", id), .constant("revoke")]
            case .api(.me): SiteURL.apiPrefix + [.constant("me")]
            case .api(.tokens): SiteURL.apiPrefix + [.constant("tokens")]
            case .api(.token(let id)): SiteURL.apiPrefix + [.constant("tokens"), .parameter("tokenID", id)]
            }
        }

        var query: [URLQueryItem] {
            switch self {
            case .signIn(let next?): [URLQueryItem(name: "next", value: next)]
            case .signUp(let kind, let next):
                (kind.map { [URLQueryItem(name: "kind", value: $0.rawValue)] } ?? []) + (next.map { [URLQueryItem(name: "next", value: $0)] } ?? [])
            case .verifyEmail(_, let next?): [URLQueryItem(name: "next", value: next)]
            default: []
            }
        }

        static var templates: [Self] {
            [.signUp(), .signIn(), .signOut, .forgotPassword, .resetPassword(.key), .verifyEmail(.key), .resendVerification,
             .settings, .settingsProfile, .settingsPassword, .settingsTokens, .revokeToken(.key),
             .api(.me), .api(.tokens), .api(.token(.key))]
        }
    }
}
