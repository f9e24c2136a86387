import Fluent
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Webhooks")
struct WebhooksTests {
    @Test("the page: an owner adds a webhook and sees its secret once, reads the log, sends again and removes it; others get 404")
    func page() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager])
            try await Factory(t).organization("Rival")
            for email in ["hiring_manager@acme.test", "owner@rival.test"] {
                try await t.signIn(email)
                try await t.get("/settings")
                #expect(try await t.get("/orgs/acme/webhooks").status == .notFound, "\(email)")
                #expect(try await t.post("/orgs/acme/webhooks", ["url": "https://hooks.example.com/x", "events[]": "project.published"]).status == .notFound)
            }
            try await t.signIn("owner@acme.test")
            #expect(try await t.get("/orgs/acme/webhooks").body.string.contains("No webhooks yet."))
            #expect(try await t.post("/orgs/acme/webhooks", ["url": "https://hooks.example.com/x", "events[]": "project.published"], csrf: "")
                .status == .forbidden)
            let refused = try await t.post("/orgs/acme/webhooks", ["url": "https://127.0.0.1/x"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("private, loopback") && refused.body.string.contains("Choose at least one event."))
            let added = try await t.post("/orgs/acme/webhooks", ["url": "https://hooks.example.com/x", "kind": "standard",
                                                                 "events[]": "project.published"])
            #expect(added.status == .ok)
            let endpoint = try #require(try await WebhookEndpointRecord.query(on: t.db).first())
            #expect(added.body.string.contains(endpoint.secret) && endpoint.secret.hasPrefix("whsec_"))
            let list = try await t.get("/orgs/acme/webhooks").body.string
            #expect(list.contains("https://hooks.example.com/x") && !list.contains(endpoint.secret) && list.contains("Nothing delivered yet."))

            receiver.answer(500)
            let project = try await Factory(t).publishedProject(of: try #require(try await Organizations.find(slug: "acme", on: t.db)))
            let ctx = t.app.jobContext()
            try await Webhooks.emit(try WebhookEvents.project(.projectPublished, project, ctx), ctx)
            try await t.runJobs()
            let id = try endpoint.requireID()
            #expect(try await t.get("/orgs/acme/webhooks").body.string.contains("Last delivery: Failed (500)"))
            let log = try await t.get("/orgs/acme/webhooks/\(id)").body.string
            #expect(log.contains("receiver error 500") && log.contains("attempt 1"))
            let delivery = try #require(try await WebhookDeliveryRecord.query(on: t.db).first())
            #expect(try await t.post("/orgs/acme/webhooks/\(id)/deliveries/\(try delivery.requireID())/redeliver").status == .seeOther)
            #expect(try await t.runJobs() == 1, "the message sent again; the retry waits for its backoff")
            #expect(receiver.received.count == 2)

            #expect(try await t.get("/orgs/acme/webhooks/\(id)/delete").body.string.contains("Remove this webhook?"))
            #expect(try await t.post("/orgs/acme/webhooks/\(id)/delete").status == .seeOther)
            #expect(try await WebhookEndpointRecord.query(on: t.db).count() == 0)
            #expect(try await WebhookDeliveryRecord.query(on: t.db).count() == 0)
            #expect(try await t.get("/orgs/acme/webhooks/\(id)").status == .notFound)
        }
    }

    @Test("the API: create answers 201 with the secret once, the list leaves it out, 422 names the fields, other organizations get 404")
    func api() async throws {
        try await withTestApp { t in
            t.useWebhookReceiver()
            try await Factory(t).organization("Acme", roles: [.owner, .reviewer])
            try await Factory(t).organization("Rival")
            let owner = try await t.token(for: "owner@acme.test")
            let rival = try await t.token(for: "owner@rival.test")
            let reviewer = try await t.token(for: "reviewer@acme.test")
            let body = #"{"url": "https://hooks.example.com/tryout", "events": ["project.published", "engagement.completed"]}"#
            for token in [rival, reviewer] {
                #expect(try await t.api(.POST, "/api/v1/organizations/acme/webhooks", token: token, json: body).status == .notFound)
                #expect(try await t.api(.GET, "/api/v1/organizations/acme/webhooks", token: token).status == .notFound)
            }
            let created = try await t.api(.POST, "/api/v1/organizations/acme/webhooks", token: owner, json: body)
            #expect(created.status == .created)
            let made = try JSONSerialization.jsonObject(with: Data(created.body.string.utf8)) as? [String: Any]
            let id = try #require(made?["id"] as? String)
            #expect((made?["secret"] as? String)?.hasPrefix("whsec_") == true && made?["kind"] as? String == "standard")
            #expect(created.headers.first(name: .location) == "/api/v1/organizations/acme/webhooks/\(id)")
            let listed = try await t.api(.GET, "/api/v1/organizations/acme/webhooks", token: owner)
            #expect(listed.status == .ok && listed.body.string.contains(id) && !listed.body.string.contains("whsec_"))

            let invalid = try await t.api(.POST, "/api/v1/organizations/acme/webhooks", token: owner,
                                          json: #"{"url": "https://169.254.169.254/latest", "kind": "pager", "events": []}"#)
            #expect(invalid.status == .unprocessableEntity)
            for field in ["url", "kind", "events"] { #expect(invalid.body.string.contains(#""\#(field)""#), "\(field)") }

            #expect(try await t.api(.DELETE, "/api/v1/organizations/rival/webhooks/\(id)", token: rival).status == .notFound)
            #expect(try await t.api(.DELETE, "/api/v1/organizations/acme/webhooks/\(id)", token: owner).status == .noContent)
            #expect(try await t.api(.DELETE, "/api/v1/organizations/acme/webhooks/\(id)", token: owner).status == .notFound)
        }
    }
}
