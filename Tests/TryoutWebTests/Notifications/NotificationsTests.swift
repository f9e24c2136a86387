import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

/// The preferences page, its API and the one-click unsubscribe address, over HTTP.
@Suite("Notification preferences and unsubscribing")
struct NotificationsTests {
    private func user(_ email: String, _ t: TestApp) async throws -> UserRecord {
        try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db))
    }

    private func preferences(_ email: String, _ t: TestApp) async throws -> MailPreferences {
        try await NotificationPreferences.preferences(of: try user(email, t).requireID(), on: t.db)
    }

    private func token(_ email: String, _ scope: UnsubscribeScope, _ t: TestApp) async throws -> String {
        try await UnsubscribeTokens.make(userID: try user(email, t).requireID(), scope: scope, at: t.clock.now, on: t.db)
    }

    @Test("the page shows every kind as a labelled radio group; saving needs the form token and keeps the choice")
    func page() async throws {
        try await withTestApp { t in
            try await Factory(t).user("ada@uni.test")
            #expect(try await t.get("/settings/notifications").status == .seeOther)
            try await t.signIn("ada@uni.test")
            let page = try await t.get("/settings/notifications")
            #expect(page.status == .ok)
            for category in NotificationCategory.allCases {
                #expect(page.body.string.contains(#"id="\#(category.rawValue)-daily_digest" name="\#(category.rawValue)" value="daily_digest""#))
                #expect(page.body.string.contains(#"<label for="\#(category.rawValue)-off" class="visually-hidden">"#))
            }
            #expect(try await t.get("/settings").body.string.contains(#"href="/settings/notifications""#))
            #expect(try await t.post("/settings/notifications", ["messages": "off"], csrf: "forged").status == .forbidden)
            #expect(try await preferences("ada@uni.test", t)[.messages] == .immediately)

            let saved = try await t.post("/settings/notifications", ["messages": "off", "reminders": "daily_digest", "timeZone": "Asia/Tokyo"])
            #expect(saved.status == .seeOther)
            #expect(try await preferences("ada@uni.test", t)[.messages] == .off)
            #expect(try await user("ada@uni.test", t).timeZone == "Asia/Tokyo")
            let again = try await t.get("/settings/notifications").body.string
            #expect(again.contains(#"id="messages-off" name="messages" value="off" checked"#) && again.contains("saved"))

            let refused = try await t.post("/settings/notifications", ["messages": "hourly", "decisions": "off", "timeZone": "Mars/Base"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Messages: choose immediately, daily digest or off") && refused.body.string.contains(#"value="Mars/Base""#))
            #expect(refused.body.string.contains(#"id="decisions-off" name="decisions" value="off" checked"#))
            #expect(try await preferences("ada@uni.test", t)[.decisions] == .immediately)
        }
    }

    @Test("the API reads and changes only the token's own person; unknown kinds and zones are 422 field errors")
    func api() async throws {
        try await withTestApp { t in
            try await Factory(t).user("ada@uni.test")
            try await Factory(t).user("bo@uni.test")
            let path = "/api/v1/me/notification-preferences"
            #expect(try await t.api(.GET, path, token: nil).status == .unauthorized)
            let ada = try await t.token(for: "ada@uni.test")
            let read = try await t.api(.GET, path, token: ada)
            #expect(read.status == .ok && read.body.string.contains(#""engagement_activity":"immediately""#))
            #expect(read.body.string.contains(#""effectiveTimeZone":"UTC""#))

            let changed = try await t.api(.PUT, path, token: ada, json: #"{"preferences":{"messages":"daily_digest"},"timeZone":"Europe/Berlin"}"#)
            #expect(changed.status == .ok && changed.body.string.contains(#""messages":"daily_digest""#))
            #expect(try await preferences("ada@uni.test", t)[.messages] == .dailyDigest)
            #expect(try await preferences("bo@uni.test", t)[.messages] == .immediately)

            let bad = try await t.api(.PUT, path, token: ada, json: #"{"preferences":{"weather":"off","messages":"weekly"},"timeZone":"EST"}"#)
            #expect(bad.status == .unprocessableEntity)
            for field in ["weather", "messages", "timeZone"] { #expect(bad.body.string.contains(#""field":"\#(field)""#)) }
            #expect(try await t.api(.PUT, path, token: ada, json: "[1]").status == .badRequest)

            let cleared = try await t.api(.PUT, path, token: ada, json: #"{"timeZone":""}"#)
            #expect(cleared.status == .ok && cleared.body.string.contains(#""effectiveTimeZone":"UTC""#))
            #expect(try await preferences("ada@uni.test", t)[.messages] == .dailyDigest)

            // What GET shows for a person without a zone (null) clears it when sent back; left out, it stays.
            _ = try await t.api(.PUT, path, token: ada, json: #"{"timeZone":"Asia/Tokyo"}"#)
            _ = try await t.api(.PUT, path, token: ada, json: #"{"preferences":{}}"#)
            #expect(try await user("ada@uni.test", t).timeZone == "Asia/Tokyo")
            let nulled = try await t.api(.PUT, path, token: ada, json: #"{"preferences":null,"timeZone":null}"#)
            #expect(nulled.status == .ok && nulled.body.string.contains(#""effectiveTimeZone":"UTC""#))
            #expect(try await user("ada@uni.test", t).timeZone == nil)
        }
    }

    @Test("one-click: a GET only asks, the POST with List-Unsubscribe=One-Click turns the kind off without a session; bad tokens are 404")
    func oneClick() async throws {
        try await withTestApp { t in
            try await Factory(t).user("ada@uni.test")
            let path = "/unsubscribe/\(try await token("ada@uni.test", .category(.messages), t))"
            let confirm = try await t.get(path)
            #expect(confirm.status == .ok && confirm.body.string.contains("Stop sending e-mails about messages to ada@uni.test?"))
            #expect(try await preferences("ada@uni.test", t)[.messages] == .immediately)

            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            #expect(try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: "x=y")).status == .badRequest)
            #expect(try await preferences("ada@uni.test", t)[.messages] == .immediately)
            let done = try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(done.status == .ok && done.body.string.contains("You are unsubscribed"))
            #expect(try await preferences("ada@uni.test", t)[.messages] == .off)

            let forged = path.replacingOccurrences(of: ".messages.", with: ".reminders.")
            for bad in [forged, "/unsubscribe/nonsense", "/unsubscribe/" + String(repeating: "A", count: 300)] {
                #expect(try await t.get(bad).status == .notFound)
                let post = try await t.app.testing().sendRequest(.POST, bad, headers: headers, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
                #expect(post.status == .notFound)
            }
            #expect(try await preferences("ada@uni.test", t)[.reminders] == .immediately)
        }
    }

    @Test("the digest's link turns off every kind taken in the digest, and only those")
    func digestLink() async throws {
        try await withTestApp { t in
            try await Factory(t).user("ada@uni.test")
            var chosen = MailPreferences()
            chosen[.messages] = .dailyDigest
            try await NotificationPreferences.save(chosen, of: try user("ada@uni.test", t).requireID(), at: t.clock.now, on: t.db)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let path = "/unsubscribe/\(try await token("ada@uni.test", .digest, t))"
            #expect(try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: "List-Unsubscribe=One-Click")).status == .ok)
            let after = try await preferences("ada@uni.test", t)
            #expect(after[.messages] == .off && after[.decisions] == .immediately)
        }
    }
}
