import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// The form names the notification pages and the API share.
enum NotificationFields {
    static let timeZone = NotificationPreferencesService.timeZoneField
}

/// The signed-in person's notification preferences page.
struct NotificationPreferencesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Notifications.preferences, use: page)
        routes.post(SiteURL.Notifications.preferences, use: save)
    }

    func page(req: Request) async throws -> Response {
        let settings = try await NotificationPreferencesService.settings(try await req.signedInContext())
        return try await render(req, settings.preferences, timeZone: settings.timeZone ?? "", effective: settings.effectiveTimeZone)
    }

    func save(req: Request) async throws -> Response {
        var fields = try req.content.decode([String: String].self)
        fields.removeValue(forKey: CSRFMiddleware.fieldName)
        let timeZone = fields.removeValue(forKey: NotificationFields.timeZone) ?? ""
        let ctx = try await req.signedInContext()
        do {
            _ = try await NotificationPreferencesService.update(fields, timeZone: timeZone, ctx)
        } catch let failure as ValidationFailure {
            // Shows what was sent, so a mistyped zone does not also undo the choices around it.
            let current = try await NotificationPreferencesService.settings(ctx)
            var shown = current.preferences
            for category in NotificationCategory.allCases {
                if let sent = fields[category.rawValue].flatMap(MailPreference.init(rawValue:)) { shown[category] = sent }
            }
            return try await render(req, shown, timeZone: timeZone, effective: current.effectiveTimeZone, status: .unprocessableEntity,
                                    errors: failure.errors)
        }
        try await req.flash("Your notification settings have been saved.")
        return req.redirect(to: SiteURL.notifications(.preferences).path)
    }

    private func render(_ req: Request, _ preferences: MailPreferences, timeZone: String, effective: String,
                        status: HTTPStatus = .ok, errors: [FieldError] = []) async throws -> Response {
        try await req.render("Notifications", status: status,
                             NotificationPreferencesPage(csrf: try await req.csrfToken(), preferences: preferences, timeZone: timeZone,
                                                         effectiveTimeZone: effective, errors: errors))
    }
}

/// One-click unsubscribe (RFC 8058). The POST comes from a mail client or provider with no
/// cookies and no form token, so it sits outside the CSRF check: the signed token in the
/// address is the only credential, as it is for the calendar feed. A GET only asks.
enum UnsubscribeController {
    static func confirm(req: Request) async throws -> Response {
        let token = try self.token(req)
        let request = try await NotificationPreferencesService.unsubscribeRequest(token: token, req.actionContext)
        return try await req.render("Unsubscribe", page(token, request, done: false))
    }

    static func unsubscribe(req: Request) async throws -> Response {
        let token = try self.token(req)
        // RFC 8058's body: anything else (a link checker, a stray form) changes nothing.
        guard (try? req.content.get(String.self, at: "List-Unsubscribe")) == "One-Click" else {
            throw Abort(.badRequest, reason: "Send List-Unsubscribe=One-Click to unsubscribe.")
        }
        let request = try await NotificationPreferencesService.unsubscribe(token: token, req.actionContext)
        return try await req.render("Unsubscribed", page(token, request, done: true))
    }

    private static func page(_ token: String, _ request: UnsubscribeRequest, done: Bool) -> UnsubscribePage {
        UnsubscribePage(action: SiteURL.notifications(.unsubscribe(.value(token))).path, request: request, done: done)
    }

    private static func token(_ req: Request) throws -> String {
        guard let token = req.parameters.get("token") else { throw Abort(.notFound) }
        return token
    }
}
