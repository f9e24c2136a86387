import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("Opening a notification")
struct NotificationOpeningTests {
    /// The header's link to the notifications with its unread count.
    private func badge(_ count: Int) -> String { #"Notifications <span class="count">\#(count)<span class="visually-hidden"> unread</span>"# }

    /// Ada, signed in, with one unread notification of an offer.
    private func signedInWithAnOffer(_ t: TestApp) async throws -> UserRecord {
        let ada = try await Factory(t).user("ada@uni.test")
        try await Notifications.add(userID: ada.requireID(), message: "Offer on Zephyr", link: "/applications", at: t.clock.now, on: t.db)
        try await t.signIn("ada@uni.test")
        return ada
    }

    @Test("a notification opens what it is about and is read from then on; someone else's is not found; only paths on the site are followed")
    func opening() async throws {
        try await withTestApp { t in
            let ada = try await Factory(t).user("ada@uni.test")
            let bo = try await Factory(t).user("bo@uni.test")
            for (message, link) in [("Offer on Zephyr", "/applications"), ("Odd link", "https://elsewhere.example/x"), ("Protocol-relative", "//elsewhere.example")] {
                try await Notifications.add(userID: ada.requireID(), message: message, link: link, at: t.clock.now, on: t.db)
            }
            try await Notifications.add(userID: bo.requireID(), message: "Bo's", link: "/applications", at: t.clock.now, on: t.db)
            func id(_ message: String) async throws -> UUID {
                try #require(try await NotificationRecord.query(on: t.db).filter(\.$message == message).first()?.requireID())
            }

            try await t.signIn("ada@uni.test")
            let page = try await t.get("/notifications").body.string
            let offer = try await id("Offer on Zephyr")
            #expect(page.contains(#"<a href="/notifications/\#(offer.uuidString.lowercased())">Offer on Zephyr</a>"#))
            #expect(page.contains(badge(3)))
            let opened = try await t.get("/notifications/\(offer)")
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/applications")
            #expect(try await NotificationRecord.find(offer, on: t.db)?.readAt == t.clock.now)
            #expect(try await t.get("/notifications").body.string.contains(badge(2)))

            for odd in ["Odd link", "Protocol-relative"] {
                #expect(try await t.get("/notifications/\(try await id(odd))").headers.first(name: .location) == "/notifications")
            }
            #expect(try await t.get("/notifications/\(try await id("Bo's"))").status == .notFound)
            #expect(try await NotificationRecord.find(try await id("Bo's"), on: t.db)?.readAt == nil)
            #expect(try await t.get("/notifications/not-an-id").status == .notFound)
        }
    }

    @Test("the header reads the same on a page, whose session brings it, and on a refused form's page, which reads it itself; a new notification shows on the next page")
    func headerEverywhere() async throws {
        try await withTestApp { t in
            let ada = try await signedInWithAnOffer(t)
            #expect(try await t.get("/settings").body.string.contains(badge(1)))
            let refused = try await t.post("/settings/password", ["current": "nope nope", "password": "a brand new passphrase"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains(badge(1)))
            try await Notifications.add(userID: ada.requireID(), message: "Offer on Yonder", link: "/applications", at: t.clock.now, on: t.db)
            #expect(try await t.get("/settings").body.string.contains(badge(2)))
        }
    }

    @Test("each notification's time shows once, in the reader's zone, with UTC on hover")
    func readerZone() async throws {
        try await withTestApp { t in
            let ada = try await signedInWithAnOffer(t)
            let utc = try await t.get("/notifications").body.string
            #expect(utc.contains(#"title="\#(DateText.short(t.clock.now))">\#(DateText.short(t.clock.now))</time>"#))

            ada.timeZone = "Asia/Tokyo"
            try await ada.save(on: t.db)
            let tokyo = try await t.get("/notifications").body.string
            let local = DateText.short(t.clock.now, in: TimeZone(identifier: "Asia/Tokyo")!)
            #expect(local.hasSuffix(" Asia/Tokyo") && local != DateText.short(t.clock.now))
            #expect(tokyo.contains(#"<time datetime="\#(DateText.iso(t.clock.now))" title="\#(DateText.short(t.clock.now))">\#(local)</time>"#))
            #expect(tokyo.components(separatedBy: "UTC</time>").count == 1, "the time shows once, not again in UTC")
        }
    }
}
