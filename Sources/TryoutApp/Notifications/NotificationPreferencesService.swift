import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A person's notification settings as pages and the API show them.
public struct NotificationSettings: Sendable, Equatable {
    public var preferences: MailPreferences
    /// The zone the person chose for their digest; nil: their candidate profile's, or UTC.
    public var timeZone: String?
    /// The zone in effect, whichever way it was found.
    public var effectiveTimeZone: String
}

/// What an unsubscribe link stands for, for its confirmation page.
public struct UnsubscribeRequest: Sendable, Equatable {
    public var email: String
    public var scope: UnsubscribeScope
}

/// Reading and changing how a person hears of each kind of news by e-mail, by themselves
/// (signed in) or through a signed unsubscribe link (no sign-in: the link is the credential).
/// Nobody reads or changes another person's: the acting person is the only subject.
public enum NotificationPreferencesService {
    public static let timeZoneField = "timeZone"

    public static func settings(_ ctx: ActionContext) async throws -> NotificationSettings {
        try await settings(of: try await ctx.actingUser(), ctx)
    }

    /// Saves the kinds `fields` names (by raw value; the others stay) and, when `timeZone` is
    /// given, the digest's zone ("" goes back to the profile's or UTC). All checked before any is saved.
    public static func update(_ fields: [String: String], timeZone: String?, _ ctx: ActionContext) async throws -> NotificationSettings {
        let user = try await ctx.actingUser()
        let userID = try user.requireID()
        let current = try await NotificationPreferences.preferences(of: userID, on: ctx.db)
        var errors: [FieldError] = []
        let chosen: MailPreferences?
        do {
            chosen = try MailPreferences.validated(fields, current: current)
        } catch {
            chosen = nil
            errors = error.errors
        }
        let zone = timeZone.map(TextInput.trimmed)
        if let zone, !zone.isEmpty, TimeZoneName.zone(zone) == nil {
            errors.append(FieldError(timeZoneField, "Choose a time zone from the list, such as Europe/Berlin or UTC."))
        }
        guard let preferences = chosen, errors.isEmpty else { throw ValidationFailure(errors) }
        try await ctx.act(locking: .none) { ctx in
            try await NotificationPreferences.save(preferences, of: userID, at: ctx.now, on: ctx.db)
            if let zone { try await NotificationPreferences.setTimeZone(zone.isEmpty ? nil : zone, of: user, on: ctx.db) }
        }
        return try await settings(of: user, ctx)
    }

    /// Who and what an unsubscribe link turns off; not found for a link Tryout did not sign.
    public static func unsubscribeRequest(token: String, _ ctx: ActionContext) async throws -> UnsubscribeRequest {
        let (user, scope) = try await subject(of: token, ctx)
        return UnsubscribeRequest(email: user.email, scope: scope)
    }

    /// Turns off what the link names. Doing it twice leaves the same preferences.
    @discardableResult
    public static func unsubscribe(token: String, _ ctx: ActionContext) async throws -> UnsubscribeRequest {
        let (user, scope) = try await subject(of: token, ctx)
        let userID = try user.requireID()
        try await ctx.act(locking: .none) { ctx in
            let current = try await NotificationPreferences.preferences(of: userID, on: ctx.db)
            try await NotificationPreferences.save(scope.applied(to: current), of: userID, at: ctx.now, on: ctx.db)
        }
        return UnsubscribeRequest(email: user.email, scope: scope)
    }

    private static func settings(of user: UserRecord, _ ctx: ActionContext) async throws -> NotificationSettings {
        NotificationSettings(preferences: try await NotificationPreferences.preferences(of: try user.requireID(), on: ctx.db),
                             timeZone: user.timeZone,
                             effectiveTimeZone: try await NotificationPreferences.zoneName(of: user, on: ctx.db))
    }

    private static func subject(of token: String, _ ctx: ActionContext) async throws -> (UserRecord, UnsubscribeScope) {
        guard let (userID, scope) = try await UnsubscribeTokens.read(token, at: ctx.now, on: ctx.db),
              let user = try await UserRecord.find(userID, on: ctx.db)
        else { throw ActionError.notFound }
        return (user, scope)
    }
}
