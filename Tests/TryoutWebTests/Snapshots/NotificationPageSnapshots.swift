import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The notification preferences page and the unsubscribe pages.
@Suite("Notification PageSnapshots")
struct NotificationPageSnapshots {
    @Test func preferences() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/settings/notifications", as: SnapshotWorld.ada, named: "defaults")
            let refused = try await camera.post("/settings/notifications", ["messages": "weekly", "timeZone": "Mars/Base"],
                                                as: SnapshotWorld.ada, from: "/settings/notifications")
            camera.record(refused, named: "errors", status: .unprocessableEntity)
        }
    }

    @Test func unsubscribe() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            let ada = try #require(try await Accounts.user(email: EmailAddress(SnapshotWorld.ada)!, on: t.db))
            let token = try await UnsubscribeTokens.make(userID: try ada.requireID(), scope: .category(.messages), at: t.clock.now, on: t.db)
            try await camera.snap("/unsubscribe/\(token)", as: nil, named: "confirm")
            camera.record(try await t.post("/unsubscribe/\(token)", ["List-Unsubscribe": "One-Click"]), named: "done")
            try await camera.snap("/unsubscribe/nonsense", as: nil, named: "unknown-link", status: .notFound)
        }
    }
}
