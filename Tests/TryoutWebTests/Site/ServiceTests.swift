import Foundation
import SQLKit
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("Service endpoints")
struct ServiceTests {
    @Test("healthz reports the database in use")
    func health() async throws {
        try await withTestApp { t in
            let res = try await t.get("/healthz")
            #expect(res.status == .ok)
            let body = try JSONDecoder().decode([String: String].self, from: Data(res.body.string.utf8))
            #expect(body == ["status": "ok", "database": TestDatabase.driverName])
        }
    }

    @Test("an SQLite file writes ahead to a log, so readers do not wait for writers and a commit syncs once")
    func writeAheadLog() async throws {
        let directory = NSTemporaryDirectory() + "tryout-wal-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withTestApp(configure: { $0.database = .sqliteFile(path: directory + ".sqlite") }) { t in
            try await t.app.prepareDatabase()
            // Read from the file itself: a pooled connection opened before the switch may still
            // report the mode it started with. Header bytes 18 and 19 are 2 in WAL mode, 1 in a rollback journal.
            let header = try #require(FileHandle(forReadingAtPath: directory + ".sqlite")).readData(ofLength: 20)
            #expect(header.count == 20 && header[18] == 2 && header[19] == 2)
        }
        for suffix in [".sqlite", ".sqlite-wal", ".sqlite-shm"] { try? FileManager.default.removeItem(atPath: directory + suffix) }
    }

    @Test("metrics count requests by route pattern and status, with latency histograms")
    func metrics() async throws {
        try await withTestApp { t in
            try await t.get("/")
            try await t.get("/orgs/nobody")
            let text = try await t.get("/metrics").body.string
            #expect(text.contains(#"http_requests_total{method="GET",route="/",status="200"} 1"#))
            #expect(text.contains(#"http_requests_total{method="GET",route="/orgs/:slug",status="404"} 1"#))
            #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/",le="#))
        }
    }

    @Test("the home page lists the latest public projects")
    func home() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            let html = try await t.get("/").body.string
            #expect(html.contains("Customer churn analysis"))
            #expect(html.contains("USD 600.00"))
            #expect(html.contains(#"<html lang="en">"#))
        }
    }

    @Test("the OpenAPI document describes exactly the /api/v1 routes the server has")
    func openAPIMatchesRoutes() async throws {
        try await withTestApp { t in
            let res = try await t.get("/api/v1/openapi.json")
            #expect(res.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]
            #expect((document?["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = document?["paths"] as? [String: [String: Any]] ?? [:]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where ["get", "put", "post", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let served = Set(t.app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
            })
            #expect(documented == served)
        }
    }

    @Test("the OpenAPI document lists every value of the enumerations the API returns")
    func openAPIEnumerations() async throws {
        try await withTestApp { t in
            let document = try JSONSerialization.jsonObject(with: Data(try await t.get("/api/v1/openapi.json").body.string.utf8))
            let schemas = (document as? [String: Any]).flatMap { ($0["components"] as? [String: Any])?["schemas"] as? [String: Any] }
            func values(_ name: String) -> Set<String> {
                Set((schemas?[name] as? [String: Any])?["enum"] as? [String] ?? [])
            }
            #expect(values("AuditAction") == Set(AuditAction.allCases.map(\.rawValue)))
            #expect(values("WebhookEventType") == Set(WebhookEventType.allCases.map(\.rawValue)))
            #expect(values("WebhookKind") == Set(WebhookKind.allCases.map(\.rawValue)))
            // Every event's payload is described under the top-level `webhooks`.
            let webhooks = (document as? [String: Any])?["webhooks"] as? [String: Any]
            #expect(Set(webhooks?.keys.map { $0 } ?? []) == Set(WebhookEventType.allCases.map(\.rawValue)))
        }
    }
}
