import Foundation
import Testing
import TryoutTestSupport

/// Signing in and up, passwords, settings, the profile and the calendar address.
@Suite("Account PageSnapshots")
struct AccountPageSnapshots {
    @Test func signIn() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/signin", as: nil, named: "form")
            camera.record(try await t.post("/signin", ["email": SnapshotWorld.ada, "password": "wrong horse"]),
                          named: "wrong-password", status: .unauthorized)
            try await camera.snap("/signup", as: nil, named: "signup-form")
            camera.record(try await t.post("/signup", ["kind": "employer", "name": "", "email": "nope", "password": "short"]),
                          named: "signup-errors", status: .unprocessableEntity)
        }
    }

    @Test func passwordReset() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/password/forgot", as: nil, named: "forgot-form")
            #expect(try await t.post("/password/forgot", ["email": SnapshotWorld.bo]).status == .seeOther)
            try await camera.snap("/signin", as: nil, named: "forgot-sent-notice")
            let reset = try await mailedLink("/password/reset/", to: SnapshotWorld.bo, t)
            try await camera.snap(reset, as: nil, named: "reset-form")
            camera.record(try await t.post(reset, ["password": "short", "confirm": "other"]), named: "reset-errors", status: .unprocessableEntity)
            try await camera.snap("/password/reset/unknown", as: nil, named: "reset-unknown-link", status: .notFound)
        }
    }

    @Test func settings() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/settings", as: SnapshotWorld.ada, named: "candidate")
            try await camera.snap("/settings", as: SnapshotWorld.cy, named: "unconfirmed")
            try await camera.snap("/settings", as: SnapshotWorld.owner, named: "employer")
            try await camera.snap("/settings/calendar", as: SnapshotWorld.ada, named: "calendar-none")
            let created = try await camera.post("/settings/calendar", as: SnapshotWorld.ada, from: "/settings/calendar")
            camera.record(created, named: "calendar-address-shown-once")
            try await camera.snap("/settings/calendar", as: SnapshotWorld.ada, named: "calendar-address")
        }
    }

    @Test func profile() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/profile", as: SnapshotWorld.ada, named: "candidate")
            try await camera.snap("/profile/recommended", as: SnapshotWorld.bo, named: "recommended")
            // Ada has applied to the only project: it is hers to follow, not a recommendation.
            try await camera.snap("/profile/recommended", as: SnapshotWorld.ada, named: "recommended-all-applied")
            try await camera.snap("/profile/demographics", as: SnapshotWorld.ada, named: "demographics")
        }
    }
}
