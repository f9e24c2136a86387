import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Marketplace and projects API")
struct MarketplaceTests {
    private func demo(_ t: TestApp) async throws {
        try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
    }

    @Test("the marketplace page searches, filters and pages")
    func page() async throws {
        try await withTestApp { t in
            try await demo(t)
            let all = try await t.get("/projects").body.string
            #expect(all.contains("7 projects"))
            let churn = try await t.get("/projects?q=churn").body.string
            #expect(churn.contains("1 project"))
            #expect(churn.contains("Customer churn analysis"))
            let filtered = try await t.get("/projects?minPay=700&currency=USD&mode=remote").body.string
            #expect(filtered.contains(">1 project<"))
            #expect(filtered.contains("Landing page A/B test"))
            let paged = try await t.get("/projects?limit=3&sort=pay").body.string
            let next = try #require(paged.range(of: #"<a href="/projects?"#))
            let href = String(paged[next.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let second = try await t.get("/projects?" + href).body.string
            #expect(second.contains("7 projects"))
            #expect(!second.contains("Test automation script"), "the highest-paid project is on page one only")
        }
    }

    @Test("past the count limit, the page and the API say there are more")
    func cappedCount() async throws {
        try await withTestApp { t in
            try await SyntheticData.generate(projects: ProjectSearchQuery.countLimit + 5, candidates: 0, passwordHash: "x",
                                             at: t.clock.now, on: t.db)
            let page = try await t.get("/projects?q=aspiring").body.string
            #expect(page.contains("More than 500 projects"))
            #expect(page.contains("The best matches among the newest 500 come first. Add words or filters to narrow the search."))
            let picks: [(ProjectSearchQuery.Sort, String)] = [(.newest, "These are the newest 500."),
                                                              (.pay, "The highest-paid among the newest 500 come first."),
                                                              (.deadline, "The soonest deadlines among the newest 500 come first.")]
            for (sort, text) in picks {
                let sorted = try await t.get("/projects?q=aspiring&sort=\(sort.rawValue)").body.string
                #expect(sorted.contains("More than 500 projects") && sorted.contains(text), "\(sort)")
                #expect(!sorted.contains("The best matches"), "\(sort)")
            }
            // Without words every sort reaches all projects: only the count stops.
            for path in ["/projects", "/projects?sort=pay"] {
                let listed = try await t.get(path).body.string
                #expect(listed.contains("More than 500 projects") && !listed.contains("among the newest"), "\(path)")
            }
            let api = try await t.api(.GET, "/api/v1/projects?q=aspiring", token: nil)
            let body = try JSONSerialization.jsonObject(with: Data(api.body.string.utf8)) as? [String: Any]
            #expect(body?["total"] as? Int == 500 && body?["totalCapped"] as? Bool == true)
        }
    }

    @Test("bad parameters are explained, not a server error")
    func badParameters() async throws {
        try await withTestApp { t in
            try await demo(t)
            let page = try await t.get("/projects?minHours=lots&mode=moon&sort=random")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("Choose remote, hybrid or on_site."))
            let api = try await t.api(.GET, "/api/v1/projects?limit=0&deadlineAfter=soon", token: nil)
            #expect(api.status == .unprocessableEntity)
            #expect(api.body.string.contains(#""field":"limit""#))
            #expect(api.body.string.contains(#""field":"deadlineAfter""#))
        }
    }

    @Test("the API lists and shows public projects without a token")
    func publicAPI() async throws {
        try await withTestApp { t in
            try await demo(t)
            let list = try await t.api(.GET, "/api/v1/projects?q=landing", token: nil)
            #expect(list.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(list.body.string.utf8)) as? [String: Any]
            #expect(body?["total"] as? Int == 1 && body?["totalCapped"] as? Bool == false)
            let item = try #require((body?["items"] as? [[String: Any]])?.first)
            let id = try #require(item["id"] as? String)
            let detail = try await t.api(.GET, "/api/v1/projects/\(id)", token: nil)
            #expect(detail.status == .ok)
            #expect(detail.body.string.contains("\"rubric\""))
            #expect(!detail.body.string.contains("\"lint\""))
        }
    }

    @Test("authors create, update, publish and close through the API; the lint answers 422")
    func authoringAPI() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            try await Factory(t).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
            let token = try await t.token(for: "hiring_manager@acme.test")
            let sql = try await Taxonomy.skill(label: "SQL", on: t.db)!.requireID()
            var json = """
            {"title":"API brief","summary":"Made by a script.","body":"## Hi","estimatedHours":20,"durationWeeks":2,
             "pay":{"amountMinor":60000,"currency":"USD"},"classification":"contractor",
             "deliverables":[{"title":"Memo","description":"One page","dueOffsetDays":7,"weight":100}],
             "rubric":[{"title":"Insight","weight":50,"levels":["a","b","c","d"]}],
             "skills":[{"uri":"\(sql)","level":3,"required":true}],
             "agreements":["contractor_agreement","ip_assignment"]}
            """
            let created = try await t.api(.POST, "/api/v1/organizations/acme/projects", token: token, json: json)
            #expect(created.status == .created)
            let detail = try JSONSerialization.jsonObject(with: Data(created.body.string.utf8)) as? [String: Any]
            let id = try #require((detail?["project"] as? [String: Any])?["id"] as? String)
            #expect(created.body.string.contains("Rubric weights add up to 50"))

            let refused = try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: token)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#""field":"rubric""#))

            json = json.replacingOccurrences(of: #""weight":50"#, with: #""weight":100"#)
            #expect(try await t.api(.PUT, "/api/v1/projects/\(id)", token: token, json: json).status == .ok)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: token).status == .ok)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: token).status == .conflict)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/close", token: token).status == .ok)
            #expect(try await t.api(.PUT, "/api/v1/projects/\(id)", token: token, json: json).status == .conflict)

            let reviewer = try await t.token(for: "reviewer@acme.test")
            #expect(try await t.api(.POST, "/api/v1/organizations/acme/projects", token: reviewer, json: json).status == .notFound)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/close", token: reviewer).status == .notFound)
            #expect(try await ProjectRecord.query(on: t.db).count() == 1)

            let bad = try await t.api(.POST, "/api/v1/organizations/acme/projects", token: token,
                                      json: #"{"title":"","summary":"x","estimatedHours":0,"durationWeeks":2,"pay":{"amountMinor":-5,"currency":"XYZ"}}"#)
            #expect(bad.status == .unprocessableEntity)
            for field in ["title", "estimatedHours", "pay.currency", "pay.amountMinor"] {
                #expect(bad.body.string.contains(#""field":"\#(field)""#), "\(field)")
            }
            #expect(try await ProjectRecord.query(on: t.db).count() == 1)
        }
    }
}

@Suite("Projects API input")
struct ProjectInputTests {
    @Test("repeated skills, over-long lists, blank items and control characters are field errors, never a 500")
    func shapes() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            try await Factory(t).organization("Acme")
            let token = try await t.token(for: "owner@acme.test")
            let sql = try await Taxonomy.skill(label: "SQL", on: t.db)!.requireID()
            func post(_ extra: String) async throws -> TestingHTTPResponse {
                try await t.api(.POST, "/api/v1/organizations/acme/projects", token: token, json: """
                    {"title":"T","summary":"S","estimatedHours":10,"durationWeeks":2,"classification":"contractor",
                     "pay":{"amountMinor":30000,"currency":"USD"}\(extra)}
                    """)
            }
            let twice = try await post(#","skills":[{"uri":"\#(sql)","level":2,"required":true},{"uri":"SQL","level":3,"required":false}]"#)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.string.contains(#""field":"skills.1.uri""#))
            let many = try await post(#","screeningQuestions":[\#(Array(repeating: "\"Why?\"", count: 11).joined(separator: ","))]"#)
            #expect(many.body.string.contains(#""field":"screeningQuestions""#))
            let blank = try await post(#","invitedEmails":[""],"deliverables":[{"title":" ","description":"","dueOffsetDays":1,"weight":1}]"#)
            #expect(blank.body.string.contains(#""field":"invitedEmails.0""#))
            #expect(blank.body.string.contains(#""field":"deliverables.0.title""#))
            let control = try await post(#","place":"a\u0007b","accommodations":"x\u001b"#)
            #expect([.badRequest, .unprocessableEntity].contains(control.status))
            let levels = try await post(#","rubric":[{"title":"A","weight":100,"levels":["a","b","c"]}]"#)
            #expect(levels.body.string.contains(#""field":"rubric.0.levels""#))
            #expect(try await ProjectRecord.query(on: t.db).count() == 0)
        }
    }
}
