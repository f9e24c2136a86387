import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// The brief through the API as the document describes it: open drafts, currency codes in any
/// case, the document's bounds, read-modify-write without losses, and searches that explain.
@Suite("Projects API contract")
struct ProjectsAPITests {
    private struct Setup {
        var manager: String
        var owner: String
        var rival: String
        var reviewer: String
    }

    private func setUp(_ t: TestApp) async throws -> Setup {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        try await Factory(t).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
        try await Factory(t).organization("Rival")
        try await Factory(t).organization("Lakeside", kind: .partner)
        return Setup(manager: try await t.token(for: "hiring_manager@acme.test"), owner: try await t.token(for: "owner@acme.test"),
                     rival: try await t.token(for: "owner@rival.test"), reviewer: try await t.token(for: "reviewer@acme.test"))
    }

    /// A brief that passes the publishing checks, with `extra` members added.
    private func brief(_ t: TestApp, _ extra: String = "") async throws -> String {
        let sql = try #require(try await Taxonomy.skill(label: "SQL", on: t.db)?.id)
        return """
            {"title":"API brief","summary":"Made by a script.","body":"## Hi","estimatedHours":20,"durationWeeks":2,
             "pay":{"amountMinor":60000,"currency":"USD"},"classification":"contractor",
             "deliverables":[{"title":"Memo","description":"One page","dueOffsetDays":7,"weight":100}],
             "rubric":[{"title":"Insight","weight":100,"levels":["a","b","c","d"]}],
             "skills":[{"uri":"\(sql)","level":3,"required":true}],
             "agreements":["contractor_agreement","ip_assignment"]\(extra)}
            """
    }

    private func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// The project as `GET` shows it to `token`, to compare before and after.
    private func shown(_ t: TestApp, _ id: String, _ token: String) async throws -> NSDictionary {
        NSDictionary(dictionary: try object(try await t.api(.GET, "/api/v1/projects/\(id)", token: token)))
    }

    private func create(_ t: TestApp, _ token: String, _ json: String) async throws -> String {
        let created = try await t.api(.POST, "/api/v1/organizations/acme/projects", token: token, json: json)
        #expect(created.status == .created, "\(created.body.string)")
        return try #require((try object(created)["project"] as? [String: Any])?["id"] as? String)
    }

    private func patch(_ t: TestApp, _ path: String, token: String, json: String,
                       type: String = "application/merge-patch+json") async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        headers.replaceOrAdd(name: .contentType, value: type)
        return try await t.app.testing().sendRequest(.PATCH, path, headers: headers, body: ByteBuffer(string: json))
    }

    @Test("a draft may leave the classification open; publishing, and a published brief, still need one")
    func openClassification() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let json = try await brief(t).replacingOccurrences(of: #""classification":"contractor","#, with: "")
            let id = try await create(t, s.manager, json)
            let draft = try object(try await t.api(.GET, "/api/v1/projects/\(id)", token: s.manager))
            #expect(draft["classification"] == nil)
            let lint = try #require((draft["lint"] as? [String: Any])?["errors"] as? [[String: Any]])
            #expect(lint.contains { $0["field"] as? String == "classification" })
            let refused = try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#""field":"classification""#))

            #expect(try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"classification":"contractor"}"#).status == .ok)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager).status == .ok)
            let cleared = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"classification":null}"#)
            #expect(cleared.status == .unprocessableEntity && cleared.body.string.contains(#""field":"classification""#))
            let stored = try #require(try await ProjectRecord.find(UUID(uuidString: id), on: t.db))
            #expect(stored.classification == .contractor)
        }
    }

    @Test("publishing holds escrow; with an idempotency key a repeat returns the first answer, without one the project's state refuses it")
    func idempotentPublish() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let id = try await create(t, s.manager, try await brief(t))
            let first = try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager, idempotencyKey: "pub-1")
            #expect(first.status == .ok)
            let again = try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager, idempotencyKey: "pub-1")
            #expect(again.status == .ok && again.headers.first(name: "Idempotent-Replayed") == "true" && again.body.string == first.body.string)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager).status == .conflict)
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager, idempotencyKey: "bad key").status == .badRequest)
            #expect(try await Ledger.balance(.escrow(of: try #require(UUID(uuidString: id)), "USD"), on: t.db) == 60_000)
        }
    }

    @Test("currency codes are read in any case and stored in capitals, in briefs and in searches")
    func currencyCase() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let id = try await create(t, s.manager, try await brief(t).replacingOccurrences(of: #""currency":"USD""#, with: #""currency":"eUr""#))
            let pay = try #require(try object(try await t.api(.GET, "/api/v1/projects/\(id)", token: s.manager))["pay"] as? [String: Any])
            #expect(pay["currency"] as? String == "EUR")
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager).status == .ok)
            let found = try await t.api(.GET, "/api/v1/projects?minPay=100&currency=eur", token: nil)
            #expect(found.status == .ok && found.body.string.contains(id))
        }
    }

    /// One database for every case: a database a case would hold 14 connections' worth of pools at once on PostgreSQL.
    @Test("every bound and format the document states is enforced: a value past it is a 422 naming the field, and nothing is written")
    func bounds() async throws {
        let cases = [
              ("estimatedHours", "600", "estimatedHours"), ("durationWeeks", "53", "durationWeeks"), ("slots", "101", "slots"),
              ("slots", "0", "slots"), ("pay", #"{"amountMinor":100000000000000,"currency":"USD"}"#, "pay.amountMinor"),
              ("pay", #"{"amountMinor":1000000000000,"currency":"JPY"}"#, "pay.amountMinor"),
              ("deliverables", #"[{"title":"Memo","description":"","dueOffsetDays":366,"weight":100}]"#, "deliverables.0.dueOffsetDays"),
              ("deliverables", #"[{"title":"Memo","description":"","dueOffsetDays":7,"weight":101}]"#, "deliverables.0.weight"),
              ("rubric", #"[{"title":"Insight","weight":-1,"levels":["a","b","c","d"]}]"#, "rubric.0.weight"),
              ("startDate", #""""#, "startDate"), ("applicationDeadline", #"" 2027-01-04""#, "applicationDeadline"),
              ("timeZone", #""Nowhere/Atlantis""#, "timeZone"), ("timeZone", #"" Europe/Berlin""#, "timeZone"), ("timeZone", #""EST""#, "timeZone"),
        ]
        try await withTestApp { t in
            let s = try await setUp(t)
            for (member, value, field) in cases {
                var body = try #require(try JSONSerialization.jsonObject(with: Data(try await brief(t).utf8)) as? [String: Any])
                body[member] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
                let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
                let refused = try await t.api(.POST, "/api/v1/organizations/acme/projects", token: s.manager, json: json)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#""field":"\#(field)""#), "\(member) \(value): \(refused.body.string)")
                #expect(try await ProjectRecord.query(on: t.db).count() == 0)
            }
        }
    }

    @Test("the largest estimate the document allows is taken")
    func largestEstimate() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let body = try await brief(t).replacingOccurrences(of: #""estimatedHours":20"#, with: #""estimatedHours":500"#)
            #expect(try await t.api(.POST, "/api/v1/organizations/acme/projects", token: s.manager, json: body).status == .created)
        }
    }

    @Test("GET then PUT of the same body changes nothing, audience, dates and version included")
    func readModifyWrite() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let id = try await create(t, s.manager, try await brief(t, """
                ,"visibility":"partners","partnerSlugs":["lakeside"],"invitedEmails":["guest@example.org"],
                 "startDate":"2027-01-11","applicationDeadline":"2027-01-04","screeningQuestions":["Why?"],"accommodations":"Captions",
                 "locationMode":"hybrid","place":"Leeds","timeZone":"Europe/London","slots":2
                """))
            #expect(try await t.api(.POST, "/api/v1/projects/\(id)/publish", token: s.manager).status == .ok)
            let before = try await t.api(.GET, "/api/v1/projects/\(id)", token: s.manager)
            let shown = try object(before)
            #expect(shown["partnerSlugs"] as? [String] == ["lakeside"] && shown["invitedEmails"] as? [String] == ["guest@example.org"])
            #expect(shown["startDate"] as? String == "2027-01-11" && shown["applicationDeadline"] as? String == "2027-01-04")
            #expect(shown["timeZone"] as? String == "Europe/London")
            #expect((shown["screening"] as? [String: Any])?["blind"] as? Bool == true)

            let put = try await t.api(.PUT, "/api/v1/projects/\(id)", token: s.manager, json: before.body.string)
            #expect(put.status == .ok, "\(put.body.string)")
            let after = try object(try await t.api(.GET, "/api/v1/projects/\(id)", token: s.manager))
            #expect(NSDictionary(dictionary: after).isEqual(to: shown), "\(after) differs from \(shown)")
            #expect(after["briefVersion"] as? Int == 1)

            // Others see the brief, not its audience or switches.
            let staff = try await Factory(t).user("staff@lakeside.test")
            let lakeside = try #require(try await OrganizationRecord.query(on: t.db).filter(\.$slug == "lakeside").first())
            try await Organizations.addMember(orgID: try lakeside.requireID(), userID: try staff.requireID(), role: .staff, at: t.clock.now, on: t.db)
            let partnerView = try object(try await t.api(.GET, "/api/v1/projects/\(id)", token: try await t.token(for: "staff@lakeside.test")))
            #expect(partnerView["title"] as? String == "API brief")
            #expect(partnerView["partnerSlugs"] == nil && partnerView["invitedEmails"] == nil && partnerView["screening"] == nil)
        }
    }

    @Test("PATCH changes only what it names: the title alone keeps partner-only and invite-only audiences")
    func patchKeepsAudience() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let partners = try await create(t, s.manager, try await brief(t, #","visibility":"partners","partnerSlugs":["lakeside"]"#))
            let invited = try await create(t, s.manager, try await brief(t, #","visibility":"invite_only","invitedEmails":["guest@example.org"]"#))
            for (id, type) in [(partners, "application/merge-patch+json"), (invited, "application/json")] {
                let patched = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"title":"Renamed"}"#, type: type)
                #expect(patched.status == .ok, "\(patched.body.string)")
                #expect(try object(patched)["title"] as? String == "Renamed")
            }
            let partnerAudience = try await ProjectBriefs.audience(of: try #require(UUID(uuidString: partners)), on: t.db)
            #expect(partnerAudience.partnerIDs.count == 1)
            #expect(try await ProjectRecord.find(UUID(uuidString: partners), on: t.db)?.visibility == .partners)
            let invitedAudience = try await ProjectBriefs.audience(of: try #require(UUID(uuidString: invited)), on: t.db)
            #expect(invitedAudience.invitedEmails == ["guest@example.org"])
            #expect(try await ProjectRecord.find(UUID(uuidString: invited), on: t.db)?.visibility == .inviteOnly)
            // Objects merge: a pay patch naming the currency keeps the amount.
            let patched = try await patch(t, "/api/v1/projects/\(partners)", token: s.manager, json: #"{"pay":{"currency":"gbp"}}"#)
            let pay = try #require(try object(patched)["pay"] as? [String: Any])
            #expect(pay["amountMinor"] as? Int == 60000 && pay["currency"] as? String == "GBP")
        }
    }

    @Test("PATCH with null clears an optional field; a bad value is a 422 naming each field and writes nothing; PATCH is authorized as PUT")
    func patchRules() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let id = try await create(t, s.manager, try await brief(t, #","startDate":"2027-01-11","accommodations":"Captions""#))
            let cleared = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"startDate":null,"accommodations":null}"#)
            #expect(cleared.status == .ok)
            let after = try object(cleared)
            #expect(after["startDate"] == nil && after["accommodations"] as? String == "")

            let before = try await shown(t, id, s.manager)
            let bad = try await patch(t, "/api/v1/projects/\(id)", token: s.manager,
                                      json: #"{"title":"","slots":0,"pay":{"currency":"XYZ"},"visibility":"partners"}"#)
            #expect(bad.status == .unprocessableEntity)
            for field in ["title", "slots", "pay.currency", "partnerSlugs"] {
                #expect(bad.body.string.contains(#""field":"\#(field)""#), "\(field): \(bad.body.string)")
            }
            let wrongType = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"estimatedHours":"ten"}"#)
            #expect(wrongType.status == .unprocessableEntity && wrongType.body.string.contains(#""field":"estimatedHours""#))
            let required = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"title":null}"#)
            #expect(required.status == .unprocessableEntity && required.body.string.contains(#""field":"title""#))
            #expect(try await shown(t, id, s.manager).isEqual(before))

            for token in [s.rival, s.reviewer] {
                #expect(try await patch(t, "/api/v1/projects/\(id)", token: token, json: #"{"title":"Mine"}"#).status == .notFound)
            }
            #expect(try await patch(t, "/api/v1/projects/\(UUID())", token: s.manager, json: #"{"title":"Mine"}"#).status == .notFound)
            #expect(try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"[{"op":"remove","path":"/title"}]"#,
                                    type: "application/json-patch+json").status == .unsupportedMediaType)
            #expect(try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: "[]").status == .badRequest)
            #expect(try await shown(t, id, s.manager).isEqual(before))
        }
    }

    @Test("PATCH sets the team's time zone and null or empty clears it; GET shows it as PUT takes it")
    func patchTimeZone() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let id = try await create(t, s.manager, try await brief(t))
            #expect(try await shown(t, id, s.manager)["timeZone"] == nil)
            let set = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"timeZone":"Asia/Singapore"}"#)
            #expect(set.status == .ok)
            #expect(try object(set)["timeZone"] as? String == "Asia/Singapore")
            #expect(try await ProjectRecord.find(UUID(uuidString: id), on: t.db)?.timeZone == "Asia/Singapore")
            #expect(try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"title":"Renamed"}"#).status == .ok)
            #expect(try await shown(t, id, s.manager)["timeZone"] as? String == "Asia/Singapore")
            let unknown = try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"timeZone":"Mars/Olympus"}"#)
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains(#""field":"timeZone""#))
            for clearing in [#"{"timeZone":null}"#, #"{"timeZone":""}"#] {
                #expect(try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: #"{"timeZone":"UTC"}"#).status == .ok)
                #expect(try await patch(t, "/api/v1/projects/\(id)", token: s.manager, json: clearing).status == .ok)
                #expect(try await ProjectRecord.find(UUID(uuidString: id), on: t.db)?.timeZone == nil, "\(clearing)")
            }
        }
    }

    @Test("GET /projects/{id}/screening shows the switches to the people who see applicants, 404 to anyone else")
    func screening() async throws {
        try await withTestApp { t in
            let s = try await setUp(t)
            let id = try await create(t, s.manager, try await brief(t))
            for token in [s.manager, s.reviewer, s.owner] {
                let shown = try await t.api(.GET, "/api/v1/projects/\(id)/screening", token: token)
                #expect(shown.status == .ok)
                #expect(try object(shown)["blind"] as? Bool == true)
            }
            #expect(try await t.api(.GET, "/api/v1/projects/\(id)/screening", token: s.rival).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/projects/\(id)/screening", token: nil).status == .unauthorized)
        }
    }

    @Test("a skill or organization the server does not know finds nothing, with notices saying why: 200 in the API and on the page")
    func unknownFilters() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            let near = try await t.api(.GET, "/api/v1/projects?skill=statistic", token: nil)
            #expect(near.status == .ok)
            let body = try object(near)
            #expect((body["items"] as? [Any])?.isEmpty == true && body["total"] as? Int == 0)
            let notice = try #require((body["notices"] as? [[String: Any]])?.first)
            #expect(notice["parameter"] as? String == "skill")
            #expect((notice["message"] as? String)?.contains("Did you mean") == true)
            #expect((notice["suggestions"] as? [String])?.isEmpty == false)

            let nothing = try object(try await t.api(.GET, "/api/v1/projects?skill=Underwater%20basket%20weaving&organization=nobody-here", token: nil))
            #expect((nothing["notices"] as? [[String: Any]])?.map { $0["parameter"] as? String } == ["skill", "organization"])
            #expect((try object(try await t.api(.GET, "/api/v1/projects?skill=SQL", token: nil))["notices"] as? [Any])?.isEmpty == true)
            // What cannot be an organization's address at all is malformed, not unknown.
            let malformed = try await t.api(.GET, "/api/v1/projects?organization=North%20Wind", token: nil)
            #expect(malformed.status == .unprocessableEntity && malformed.body.string.contains(#""field":"organization""#))

            let page = try await t.get("/projects?skill=Underwater%20basket%20weaving")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("is not an ESCO skill") && page.body.string.contains("0 projects"))
        }
    }
}
