import Foundation
import TryoutApp
import TryoutCore

extension SiteURL {
    /// How a person hears of things by e-mail: their preferences page, its API, and the
    /// one-click unsubscribe address every notification e-mail carries.
    enum Notifications: RoutePath {
        case preferences
        case unsubscribe(Parameter<String>)
        case api(API)

        enum API: Sendable {
            case preferences
        }

        var segments: [PathSegment] {
            switch self {
            case .preferences: [.constant("settings"), .constant("notifications")]
            case .unsubscribe(let token): [.constant("unsubscribe"), .parameter("token", token)]
            case .api(.preferences): SiteURL.apiPrefix + [.constant("me"), .constant("notification-preferences")]
            }
        }

        static var templates: [Self] { [.preferences, .unsubscribe(.key), .api(.preferences)] }
    }
}

extension SiteMailLinks {
    func unsubscribe(token: String) -> String { SiteURL.notifications(.unsubscribe(.value(token))).absolute(base: base) }
    var notificationSettings: String { SiteURL.notifications(.preferences).absolute(base: base) }
}
