import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Skills API and suggestions")
struct SkillsTests {
    private func items(_ res: TestingHTTPResponse) throws -> [[String: Any]] {
        let body = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]
        return body?["items"] as? [[String: Any]] ?? []
    }

    @Test("anyone finds skills by label or alternative label, best first")
    func search() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let res = try await t.api(.GET, "/api/v1/skills?q=javascr&limit=3", token: nil)
            #expect(res.status == .ok)
            let found = try items(res)
            #expect(found.count <= 3)
            #expect(found.first?["label"] as? String == "JavaScript")
            #expect((found.first?["uri"] as? String)?.hasPrefix("http://data.europa.eu/esco/skill/") == true)
            #expect(try items(await t.api(.GET, "/api/v1/skills?q=", token: nil)).isEmpty)
        }
    }

    @Test("bad parameters are 422 with the field named")
    func badParameters() async throws {
        try await withTestApp { t in
            let long = try await t.api(.GET, "/api/v1/skills?q=" + String(repeating: "a", count: 101) + "&limit=0", token: nil)
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains(#""field":"q""#) && long.body.string.contains(#""field":"limit""#))
            let control = try await t.api(.GET, "/api/v1/skills?q=a%07b", token: nil)
            #expect(control.status == .unprocessableEntity)
            #expect(try await t.api(.GET, "/api/v1/skills?q=sql&limit=", token: nil).status == .unprocessableEntity)
        }
    }

    @Test("pages load the suggestion script, which the content security policy allows")
    func script() async throws {
        try await withTestApp { t in
            let page = try await t.get("/projects")
            #expect(page.body.string.contains(#"<script src="/assets/skills.js" defer="defer"></script>"#))
            #expect(page.body.string.contains(#"list="esco-skills""#))
            let script = try await t.get("/assets/skills.js")
            #expect(script.status == .ok)
            #expect(script.headers.contentType?.subType == "javascript")
            #expect(script.body.string.contains("/api/v1/skills"))
        }
    }

    @Test("an unknown skill in the marketplace filter is answered with the nearest names")
    func suggestions() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let res = try await t.get("/projects?skill=javascript%20frame")
            #expect(res.status == .ok)
            #expect(res.body.string.contains("Did you mean"))
            #expect(res.body.string.contains("JavaScript Framework"))
            // PostgreSQL refuses NUL in text: a control character is a field error, not a server error.
            let nul = try await t.api(.GET, "/api/v1/projects?skill=%00sql", token: nil)
            #expect(nul.status == .unprocessableEntity && nul.body.string.contains(#""field":"skill""#))
            #expect(try await Taxonomy.search("a\u{0}b", limit: 5, on: t.db).isEmpty)
            #expect(try await Taxonomy.skill(label: "a\u{0}b", on: t.db) == nil)
        }
    }
}
