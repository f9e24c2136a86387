import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// What holds for the whole API: field names as sent, `Location` on what is created, identifiers
/// in lower case, pages by cursor, RFC 3339 times and wrong types as field errors.
@Suite("API contract")
struct APIContractTests {
    private func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// A UUID with an upper-case hex digit anywhere in `text`.
    private func upperCaseID(in text: String) -> String? {
        text.firstMatch(of: #/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/#)
            .map { String($0.output) }.flatMap { $0 == $0.lowercased() ? nil : $0 }
    }

    @Test("decision refusals name applicationIDs, the field the input has")
    func decisionFieldNames() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager])
            let project = try await Factory(t).publishedProject(of: org)
            let manager = try await t.token(for: "hiring_manager@acme.test")
            for body in [#"{"applicationIDs":[],"action":"shortlisted"}"#, #"{"applicationIDs":["\#(UUID())"],"action":"shortlisted"}"#] {
                let refused = try await t.api(.POST, "/api/v1/projects/\(try project.requireID())/decisions", token: manager, json: body)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#""field":"applicationIDs""#) && !refused.body.string.contains(#""field":"applications""#))
            }
        }
    }

    @Test("every 201 names the new resource in Location, and every identifier is written in lower case and read in either case")
    func locationsAndIdentifiers() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let engagementID = try engagement.requireID().uuidString.lowercased()
            let owner = try await t.token(for: "owner@acme.test")
            let ada = try await t.token(for: "ada@uni.test")
            var bodies: [String] = []
            func created(_ path: String, token: String, json: String, under collection: String) async throws {
                let response = try await t.api(.POST, path, token: token, json: json)
                #expect(response.status == .created, "\(path): \(response.body.string)")
                let body = try object(response)
                let id = try #require((body["id"] ?? (body["token"] as? [String: Any])?["id"] ?? (body["project"] as? [String: Any])?["id"]) as? String)
                #expect(response.headers.first(name: .location) == "/api/v1/\(collection)/\(id)", "\(path)")
                bodies.append(response.body.string)
            }
            try await created("/api/v1/tokens", token: owner, json: #"{"name":"script"}"#, under: "tokens")
            try await created("/api/v1/organizations/acme/invitations", token: owner, json: #"{"email":"new@acme.test","role":"reviewer"}"#,
                              under: "organizations/acme/invitations")
            try await created("/api/v1/organizations/acme/projects", token: owner, json: """
                {"title":"T","summary":"S","estimatedHours":10,"durationWeeks":2,"classification":"contractor","pay":{"amountMinor":30000,"currency":"USD"}}
                """, under: "projects")
            try await created("/api/v1/engagements/\(engagementID)/check-ins", token: ada,
                              json: #"{"startsAt":"2026-12-03T10:00","minutes":30,"agenda":"Plan"}"#, under: "engagements/\(engagementID)/check-ins")
            try await created("/api/v1/engagements/\(engagementID)/messages", token: ada, json: #"{"body":"Hello"}"#,
                              under: "engagements/\(engagementID)/messages")
            let project = try await Factory(t).publishedProject(of: try #require(try await Organizations.find(slug: "acme", on: t.db)))
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            try await created("/api/v1/projects/\(try project.requireID())/applications", token: try await t.token(for: "bo@uni.test"),
                              json: #"{"answers":["Because."]}"#, under: "me/applications")

            for path in ["/api/v1/me", "/api/v1/tokens", "/api/v1/engagements", "/api/v1/engagements/\(engagementID)",
                         "/api/v1/projects/\(try project.requireID())/applicants", "/api/v1/organizations/acme/members"] {
                bodies.append(try await t.api(.GET, path, token: owner).body.string)
            }
            for body in bodies { #expect(upperCaseID(in: body) == nil, "\(body)") }
            let upper = try engagement.requireID().uuidString.uppercased()
            #expect(try await t.api(.GET, "/api/v1/engagements/\(upper)", token: ada).status == .ok)
            #expect(try await t.api(.GET, "/api/v1/engagements/\(engagementID)", token: ada).status == .ok)
        }
    }

    @Test("applicants come a page at a time, by cursor, as projects do")
    func applicantPages() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager])
            let project = try await Factory(t).publishedProject(of: org)
            for name in ["Ada", "Bo", "Cy"] {
                let user = try await Factory(t).candidate("\(name.lowercased())@uni.test", name: name)
                _ = try await Applications.submit(to: project, userID: try user.requireID(), ApplicationInput(answers: ["Yes."]),
                                                  at: t.clock.now, on: t.db)
                t.clock.advance(by: 60)
            }
            let manager = try await t.token(for: "hiring_manager@acme.test")
            let base = "/api/v1/projects/\(try project.requireID())/applicants?sort=oldest&limit=2"
            let first = try object(try await t.api(.GET, base, token: manager))
            let cursor = try #require(first["nextCursor"] as? String)
            let second = try object(try await t.api(.GET, base + "&cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                                    token: manager))
            #expect(second["nextCursor"] == nil)
            let ids = ((first["items"] as? [[String: Any]] ?? []) + (second["items"] as? [[String: Any]] ?? [])).compactMap { $0["id"] as? String }
            let expected = try await Applications.forProject(try project.requireID(), on: t.db).map { try $0.requireID().uuidString.lowercased() }
            #expect(ids == expected, "oldest first, each once, across the two pages")
            // A cursor this server did not make, or one naming another organization's application,
            // starts at the first page: it learns nothing of where that application would sort.
            let rival = try await Factory(t).publishedProject(of: try await Factory(t).organization("Rival"))
            let applicant = try #require(try await Applications.forProject(try project.requireID(), on: t.db).first).$candidate.id
            let theirs = try #require(try await Applications.submit(to: rival, userID: applicant, ApplicationInput(answers: ["Yes."]),
                                                                    at: t.clock.now, on: t.db))
            for other in ["not-a-cursor", Data(try theirs.requireID().uuidString.utf8).base64EncodedString()] {
                let again = try object(try await t.api(.GET, base + "&cursor=" + (other.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                                       token: manager))
                #expect((again["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == Array(expected.prefix(2)), "\(other)")
            }
            for limit in ["0", "101", "many"] {
                let refused = try await t.api(.GET, "/api/v1/projects/\(try project.requireID())/applicants?limit=\(limit)", token: manager)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#""field":"limit""#))
            }
        }
    }

    @Test("check-in times are read in RFC 3339 with an offset and fractional seconds, or as UTC without one")
    func checkInTimes() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let ada = try await t.token(for: "ada@uni.test")
            let path = "/api/v1/engagements/\(try engagement.requireID())/check-ins"
            for (sent, stored) in [("2026-12-03T10:00:00+02:00", "2026-12-03T08:00:00Z"), ("2026-12-03T10:00:00.5-05:30", "2026-12-03T15:30:00Z"),
                                   ("2026-12-03T10:00", "2026-12-03T10:00:00Z"), ("2026-12-03T10:00:00z", "2026-12-03T10:00:00Z")] {
                let booked = try await t.api(.POST, path, token: ada, json: #"{"startsAt":"\#(sent)","minutes":30,"agenda":"Plan"}"#)
                #expect(booked.status == .created, "\(sent): \(booked.body.string)")
                #expect((try object(booked)["startsAt"] as? String)?.hasPrefix(String(stored.prefix(19))) == true, "\(sent)")
            }
            for bad in ["2026-02-30T10:00:00Z", "2026-12-03T24:00:00Z", "2026-12-03T10:00:00+24:00", "2026-12-03 10:00", "tomorrow"] {
                let refused = try await t.api(.POST, path, token: ada, json: #"{"startsAt":"\#(bad)","minutes":30,"agenda":"Plan"}"#)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#""field":"startsAt""#), "\(bad)")
            }
        }
    }

    @Test("a well-formed body with a value of the wrong type is a 422 naming the field; malformed JSON stays a 400")
    func wrongTypes() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            try await Factory(t).organization("Acme")
            let owner = try await t.token(for: "owner@acme.test")
            func post(_ members: String) async throws -> TestingHTTPResponse {
                try await t.api(.POST, "/api/v1/organizations/acme/projects", token: owner, json: """
                    {"title":"T","summary":"S","durationWeeks":2,"pay":{"amountMinor":30000,"currency":"USD"},\(members)}
                    """)
            }
            for (members, field) in [(#""estimatedHours":10.5"#, "estimatedHours"), (#""estimatedHours":"10""#, "estimatedHours"),
                                     (#""estimatedHours":1e30"#, "estimatedHours"), (#""estimatedHours":null"#, "estimatedHours"),
                                     (#""estimatedHours":10,"slots":2.5"#, "slots"),
                                     (#""estimatedHours":10,"deliverables":[{"title":"M","description":"","dueOffsetDays":1,"weight":0.5}]"#,
                                      "deliverables.0.weight")] {
                let refused = try await post(members)
                #expect(refused.status == .unprocessableEntity, "\(members): \(refused.body.string)")
                #expect(refused.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                #expect(refused.body.string.contains(#""field":"\#(field)""#), "\(members): \(refused.body.string)")
            }
            #expect(try await post(#""estimatedHours":10.0"#).status == .created)
            #expect(try await t.api(.POST, "/api/v1/organizations/acme/projects", token: owner, json: #"{"title":"#).status == .badRequest)
            #expect(try await t.api(.POST, "/api/v1/tokens", token: owner, json: #"{"name":7}"#).status == .unprocessableEntity)
        }
    }
}
