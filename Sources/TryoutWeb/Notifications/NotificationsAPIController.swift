import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// The person's own notification preferences over `/api/v1`. Nobody reads or changes
/// another's: the path has no person in it, the token decides whose.
struct NotificationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(SiteURL.Notifications.api(.preferences), use: preferences)
        api.on(.PUT, SiteURL.Notifications.api(.preferences), use: update)
    }

    func preferences(req: Request) async throws -> DTO.NotificationPreferences {
        DTO.NotificationPreferences(try await NotificationPreferencesService.settings(try await req.signedInContext()))
    }

    func update(req: Request) async throws -> DTO.NotificationPreferences {
        let body = try req.decodeJSON(DTO.NotificationPreferencesUpdate.self)
        let settings = try await NotificationPreferencesService.update(body.preferences ?? [:], timeZone: body.timeZone,
                                                                        try await req.signedInContext())
        return DTO.NotificationPreferences(settings)
    }
}

extension DTO {
    struct NotificationPreferences: Content {
        /// Every kind, by its raw value: "immediately", "daily_digest" or "off".
        var preferences: [String: String]
        var timeZone: String?
        var effectiveTimeZone: String

        init(_ settings: NotificationSettings) {
            preferences = Dictionary(uniqueKeysWithValues: NotificationCategory.allCases.map { ($0.rawValue, settings.preferences[$0].rawValue) })
            timeZone = settings.timeZone
            effectiveTimeZone = settings.effectiveTimeZone
        }
    }

    /// Kinds left out keep their choice; `timeZone` left out keeps the zone, "" or null clears it
    /// (null as GET shows a person without a zone of their own, so what GET gave can be sent back).
    struct NotificationPreferencesUpdate: Decodable {
        var preferences: [String: String]?
        var timeZone: String?

        enum CodingKeys: String, CodingKey { case preferences, timeZone }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            preferences = try container.decodeIfPresent([String: String].self, forKey: .preferences)
            let zoneIsNull = container.contains(.timeZone) ? try container.decodeNil(forKey: .timeZone) : false
            timeZone = zoneIsNull ? "" : try container.decodeIfPresent(String.self, forKey: .timeZone)
        }
    }
}
