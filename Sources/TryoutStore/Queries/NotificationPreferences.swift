import FluentKit
import Foundation
import TryoutCore

/// Each person's mail preferences and digest time zone.
public enum NotificationPreferences {
    public static func preferences(of userID: UUID, on db: any Database) async throws -> MailPreferences {
        let rows = try await NotificationPreferenceRecord.query(on: db).filter(\.$user.$id == userID).all()
        return MailPreferences(Dictionary(rows.map { ($0.category, $0.preference) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Saves every kind's choice, each in one statement, so that two saves at once cannot collide.
    public static func save(_ preferences: MailPreferences, of userID: UUID, at now: Date, on db: any Database) async throws {
        for category in NotificationCategory.allCases {
            try await Upsert.row(into: NotificationPreferenceRecord.schema,
                                 [("user_id", userID), ("category", category.rawValue), ("preference", preferences[category].rawValue),
                                  ("updated_at", now)],
                                 keys: ["user_id", "category"], on: db)
        }
    }

    /// The name of the zone the person's digest keeps: their own choice, else their candidate profile's, else UTC.
    public static func zoneName(of user: UserRecord, on db: any Database) async throws -> String {
        let profile = try await CandidateProfileRecord.query(on: db).filter(\.$user.$id == user.requireID()).first()
        return DigestSchedule.zoneName(account: user.timeZone, profile: profile?.timeZone)
    }

    public static func setTimeZone(_ name: String?, of user: UserRecord, on db: any Database) async throws {
        user.timeZone = name
        try await user.save(on: db)
    }
}
