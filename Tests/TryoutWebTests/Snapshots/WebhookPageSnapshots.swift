import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// An organization's webhooks: the list and the form, a refused address, the secret shown once,
/// an endpoint's delivery log after a failed attempt, and removing it.
@Suite("Webhook PageSnapshots")
struct WebhookPageSnapshots {
    @Test func webhooks() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            let world = try await SnapshotWorld.make(t)
            let camera = world.camera
            try await camera.snap("/orgs/acme/webhooks", as: SnapshotWorld.owner, named: "none")
            let refused = try await camera.post("/orgs/acme/webhooks", ["url": "http://127.0.0.1/hook"], as: SnapshotWorld.owner,
                                                from: "/orgs/acme/webhooks")
            camera.record(refused, named: "add-error", status: .unprocessableEntity)
            let added = try await camera.post("/orgs/acme/webhooks", ["url": "https://hooks.example.com/tryout", "kind": "standard",
                                                                      "events[]": "project.published"],
                                              as: SnapshotWorld.owner, from: "/orgs/acme/webhooks")
            camera.record(added, named: "added")
            let endpoint = try #require(try await WebhookEndpointRecord.query(on: t.db).first()).requireID()

            receiver.answer(500)
            let ctx = t.app.jobContext()
            try await Webhooks.emit(try WebhookEvents.project(.projectPublished, try #require(try await Projects.find(id: world.project, on: t.db)),
                                                              ctx), ctx)
            try await t.runJobs()
            try await camera.snap("/orgs/acme/webhooks", as: SnapshotWorld.owner, named: "after-a-failure")
            try await camera.snap("/orgs/acme/webhooks/\(endpoint)", as: SnapshotWorld.owner, named: "delivery-log")
            try await camera.snap("/orgs/acme/webhooks/\(endpoint)/delete", as: SnapshotWorld.owner, named: "remove")
            try await camera.snap("/orgs/acme/webhooks", as: SnapshotWorld.reviewer, named: "reviewer", status: .notFound)
        }
    }
}
