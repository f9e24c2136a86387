import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Profile API")
struct ProfileAPITests {
    @Test("a candidate reads and replaces their profile; errors name the JSON fields; others get 404")
    func readAndReplace() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let ada = try await Factory(t).user("ada@uni.test", name: "Ada Okafor")
            try await CandidateProfiles.create(userID: ada.requireID(), name: "Ada Okafor", at: t.clock.now, on: t.db)
            try await Factory(t).organization("Acme")
            let token = try await t.token(for: "ada@uni.test")
            let sql = try #require(try await Taxonomy.skill(label: "SQL", on: t.db)?.id)

            #expect(try await t.api(.GET, "/api/v1/me/profile", token: nil).status == .unauthorized)
            #expect(try await t.api(.GET, "/api/v1/me/profile", token: try await t.token(for: "owner@acme.test")).status == .notFound)

            let body = #"{"headline":"Data student","hoursPerWeek":12,"timeZone":"Europe/London","languages":["English"],"#
                + #""skills":[{"uri":"\#(sql)","level":3}],"discoverable":true,"availableFrom":"2026-06-01","availableTo":null}"#
            let saved = try await t.api(.PUT, "/api/v1/me/profile", token: token, json: body)
            #expect(saved.status == .ok)
            let read = try await t.api(.GET, "/api/v1/me/profile", token: token).body.string
            #expect(read.contains(#""label":"SQL""#) && read.contains(#""availableFrom":"2026-06-01""#) && read.contains(#""discoverable":true"#))

            let bad = try await t.api(.PUT, "/api/v1/me/profile", token: token, json: #"""
                {"hoursPerWeek":0,"timeZone":"Mars/Base","skills":[{"uri":"http://example.com/nope","level":5},{"uri":" ","level":1}],
                 "languages":["a,b"],"githubURL":"https://gitlab.com/ada"}
                """#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#""field":"skills.1.uri""#) && bad.body.string.contains(#""field":"languages.0""#))
            let worse = try await t.api(.PUT, "/api/v1/me/profile", token: token, json: #"""
                {"hoursPerWeek":0,"timeZone":"Mars/Base","skills":[{"uri":"http://example.com/nope","level":5}],"githubURL":"https://gitlab.com/ada"}
                """#).body.string
            for field in ["hoursPerWeek", "timeZone", "skills.0.uri", "skills.0.level", "githubURL"] {
                #expect(worse.contains(#""field":"\#(field)""#), "\(field)")
            }
            let modifier = try await t.api(.PUT, "/api/v1/me/profile", token: token,
                                           json: #"{"hoursPerWeek":5,"timeZone":"UTC","languages":["Ewe,\ud83c\udffbx"]}"#)
            #expect(modifier.status == .unprocessableEntity && modifier.body.string.contains(#""field":"languages.0""#))
            // PostgreSQL refuses NUL in text: such a skill is an unknown one, not a server error.
            let nul = try await t.api(.PUT, "/api/v1/me/profile", token: token,
                                      json: #"{"hoursPerWeek":5,"timeZone":"UTC","skills":[{"uri":"\u0000","level":1}]}"#)
            #expect(nul.status == .unprocessableEntity && nul.body.string.contains(#""field":"skills.0.uri""#))
            // Nothing of the refused profiles was written.
            #expect(try await t.api(.GET, "/api/v1/me/profile", token: token).body.string.contains(#""headline":"Data student""#))
        }
    }
}
