import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// Rubric reviews over `/api/v1`: who reaches a version, what each may read when, and the settings.
@Suite("Reviews API")
struct ReviewsAPITests {
    private let manager = "hiring_manager@acme.test", reviewer = "reviewer@acme.test", admin = "admin@acme.test"

    private func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    private func list(_ response: TestingHTTPResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
    }

    private func userID(_ t: TestApp, _ email: String) async throws -> String {
        try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db)).requireID().uuidString.lowercased()
    }

    private func settingsBody(_ t: TestApp, panelSize: Int, reviewers: [String]) async throws -> String {
        var ids: [String] = []
        for email in reviewers { ids.append("\"\(try await userID(t, email))\"") }
        return #"{"panelSize":\#(panelSize),"rotation":"fixed","managerScores":false,"blind":true,"autoAcceptDays":14,"reviewers":[\#(ids.joined(separator: ","))]}"#
    }

    /// An engagement at work whose project is reviewed by `reviewers`, `panelSize` a version, set
    /// over the API; Ada hands in a version of the first deliverable. The engagement and the version's id.
    private func handedIn(_ t: TestApp, panelSize: Int, reviewers: [String],
                          prepare: (OrganizationRecord) async throws -> Void = { _ in }) async throws -> (EngagementRecord, String) {
        let engagement = try await Factory(t).engagement()
        try await prepare(try #require(try await OrganizationRecord.find(engagement.$organization.id, on: t.db)))
        let hana = try await t.token(for: manager)
        let saved = try await t.api(.PUT, "/api/v1/projects/\(engagement.$project.id)/review-settings", token: hana,
                                    json: try await settingsBody(t, panelSize: panelSize, reviewers: reviewers))
        #expect(saved.status == .ok, "\(saved.body.string)")
        try await startWork(t, engagement)
        let id = try engagement.requireID()
        let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
        let sent = try await t.upload("/api/v1/engagements/\(id)/milestones/\(milestone)/submissions", fields: [("note", "v1")],
                                      files: [("files[]", "notes.md", Array("# Notes\n".utf8))], token: try await t.token(for: "ada@uni.test"))
        #expect(sent.status == .created)
        return (engagement, try #require(try json(sent)["id"] as? String))
    }

    @Test("independence: a reviewer reads no other scorecard before handing in theirs, then the whole panel; blind shows the handle")
    func independence() async throws {
        try await withTestApp { t in
            let (engagement, version) = try await handedIn(t, panelSize: 2, reviewers: [reviewer, admin])
            let reviews = "/api/v1/submissions/\(version)/reviews"
            let rita = try await t.token(for: reviewer), adam = try await t.token(for: admin), hana = try await t.token(for: manager)
            let ada = try await t.token(for: "ada@uni.test")

            let queue = try list(try await t.api(.GET, "/api/v1/me/reviews", token: rita))
            #expect(queue.map { $0["submissionID"] as? String } == [version])
            let first = try json(try await t.api(.GET, reviews, token: rita))
            #expect(first["role"] as? String == "panelist" && first["canScore"] as? Bool == true && first["decided"] as? Bool == false)
            #expect((first["rubric"] as? [[String: Any]])?.count == 3 && first["mine"] == nil)
            let handle = try #require(try await ApplicationRecord.find(engagement.$application.id, on: t.db)).handle
            #expect(first["blind"] as? Bool == true && first["candidate"] as? String == handle)
            #expect(!(try await t.api(.GET, reviews, token: rita)).body.string.contains("Ada Okafor"))

            // Bad levels are named one by one; nothing is stored.
            let bad = try await t.api(.POST, reviews, token: rita, json: #"{"levels":[0,5]}"#)
            #expect(bad.status == .unprocessableEntity)
            for field in ["levels.0", "levels.1", "levels.2"] { #expect(bad.body.string.contains(#""field":"\#(field)""#), "\(field)") }
            let wrongType = try await t.api(.POST, reviews, token: rita, json: #"{"levels":["high"]}"#)
            #expect(wrongType.status == .unprocessableEntity && wrongType.body.string.contains(#""field":"levels.0""#))

            // The admin scores first: the reviewer still sees only the count.
            let adams = try await t.api(.POST, reviews, token: adam, json: #"{"levels":[1,1,1],"comments":["Wrong join","",""],"note":"Redo"}"#)
            #expect(adams.status == .created && adams.headers.first(name: .location) == reviews)
            #expect(try json(adams)["weightedScore"] as? Int == 0)
            let waitingResponse = try await t.api(.GET, reviews, token: rita)
            let waiting = try json(waitingResponse)
            #expect((waiting["scorecards"] as? [Any])?.isEmpty == true && !waitingResponse.body.string.contains("Wrong join"))
            #expect((waiting["progress"] as? [String: Any])?["scored"] as? Int == 1 && (waiting["panel"] as? [String: Any])?["medians"] as? [Double] == [])

            let ritas = try await t.api(.POST, reviews, token: rita, json: #"{"levels":[4,4,4],"note":"Clear"}"#)
            #expect(ritas.status == .created)
            #expect(try json(ritas)["weightedScore"] as? Int == 100)
            let after = try json(try await t.api(.GET, reviews, token: rita))
            #expect((after["scorecards"] as? [[String: Any]])?.compactMap { $0["reviewerName"] as? String }.count == 2)
            #expect((after["mine"] as? [String: Any])?["levels"] as? [Int] == [4, 4, 4] && after["canScore"] as? Bool == false)
            let panel = try #require(after["panel"] as? [String: Any])
            #expect(panel["medians"] as? [Double] == [2.5, 2.5, 2.5] && panel["spreads"] as? [Int] == [3, 3, 3] && panel["disagrees"] as? Bool == true)
            #expect(try await t.api(.POST, reviews, token: rita, json: #"{"levels":[3,3,3]}"#).status == .conflict)
            #expect(try list(try await t.api(.GET, "/api/v1/me/reviews", token: rita)).isEmpty)

            // The manager reads the panel with the person's name; the candidate reaches no scorecard.
            let managed = try json(try await t.api(.GET, reviews, token: hana))
            #expect(managed["role"] as? String == "manager" && managed["candidate"] as? String == "Ada Okafor" && managed["blind"] as? Bool == false)
            #expect((managed["scorecards"] as? [Any])?.count == 2)
            #expect(try await t.api(.GET, reviews, token: ada).status == .notFound)
            #expect(try await t.api(.POST, reviews, token: ada, json: #"{"levels":[4,4,4]}"#).status == .notFound)

            // The candidate sees no result before the decision, and the medians and comments after.
            let base = "/api/v1/engagements/\(try engagement.requireID())"
            func firstVersion() async throws -> [String: Any] {
                let detail = try json(try await t.api(.GET, base, token: ada))
                return try #require(((detail["milestones"] as? [[String: Any]])?.first?["versions"] as? [[String: Any]])?.first)
            }
            #expect(try await firstVersion()["result"] == nil)
            let decided = try await t.api(.POST, "\(base)/submissions/\(version)/feedback", token: hana,
                                          json: #"{"decision":"request_changes","feedback":"Fix the join."}"#)
            #expect(decided.status == .ok, "\(decided.body.string)")
            let result = try #require(try await firstVersion()["result"] as? [String: Any])
            let criteria = try #require(result["criteria"] as? [[String: Any]])
            #expect(criteria.map { $0["median"] as? Double } == [2.5, 2.5, 2.5] && criteria.first?["comments"] as? [String] == ["Wrong join"])
            #expect(Set(result["notes"] as? [String] ?? []) == ["Redo", "Clear"] && result["weightedScore"] as? Int == 50 && result["individualLevels"] == nil)
            #expect(!(try await t.api(.GET, base, token: ada)).body.string.contains("reviewerName"))
            let closed = try json(try await t.api(.GET, reviews, token: hana))
            #expect(closed["decided"] as? Bool == true && closed["canScore"] as? Bool == false)
            #expect(try await t.api(.POST, reviews, token: hana, json: #"{"levels":[3,3,3]}"#).status == .conflict)
        }
    }

    @Test("another organization's member, a reviewer not asked to score the version and anonymous callers reach nothing")
    func outsiders() async throws {
        try await withTestApp { t in
            let (engagement, version) = try await handedIn(t, panelSize: 1, reviewers: [reviewer, "second@acme.test"]) { acme in
                let second = try await Factory(t).user("second@acme.test", name: "Sam Second")
                try await Organizations.addMember(orgID: try acme.requireID(), userID: try second.requireID(), role: .reviewer, at: t.clock.now, on: t.db)
            }
            try await Factory(t).organization("Globex")
            let reviews = "/api/v1/submissions/\(version)/reviews"
            let settings = "/api/v1/projects/\(engagement.$project.id)/review-settings"
            for email in ["owner@globex.test", "second@acme.test"] {
                let token = try await t.token(for: email)
                #expect(try await t.api(.GET, reviews, token: token).status == .notFound, "\(email)")
                let post = try await t.api(.POST, reviews, token: token, json: #"{"levels":[4,4,4]}"#)
                #expect(post.status == .notFound && post.headers.contentType?.description.hasPrefix("application/problem+json") == true, "\(email)")
                #expect(try list(try await t.api(.GET, "/api/v1/me/reviews", token: token)).isEmpty)
            }
            // Settings are for those who author the organization's projects.
            for email in ["owner@globex.test", reviewer] {
                let token = try await t.token(for: email)
                #expect(try await t.api(.GET, settings, token: token).status == .notFound, "\(email)")
                #expect(try await t.api(.PUT, settings, token: token, json: try await settingsBody(t, panelSize: 1, reviewers: [])).status == .notFound)
            }
            #expect(try await t.api(.GET, "/api/v1/submissions/not-an-id/reviews", token: try await t.token(for: reviewer)).status == .notFound)
            #expect(try await t.api(.GET, reviews, token: try await t.token(for: reviewer)).status == .ok)
            #expect(try await t.api(.GET, reviews, token: nil).status == .unauthorized)
            #expect(try await t.api(.GET, "/api/v1/me/reviews", token: nil).status == .unauthorized)
        }
    }

    @Test("review settings: defaults, each field checked, reviewers only from the organization, saved in order")
    func settings() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            try await Factory(t).organization("Globex")
            let path = "/api/v1/projects/\(engagement.$project.id)/review-settings"
            let hana = try await t.token(for: manager)
            let defaults = try json(try await t.api(.GET, path, token: hana))
            #expect(defaults["panelSize"] as? Int == 1 && defaults["rotation"] as? String == "fixed" && defaults["managerScores"] as? Bool == false)
            #expect(defaults["blind"] as? Bool == true && defaults["autoAcceptDays"] as? Int == 14 && (defaults["reviewers"] as? [Any])?.isEmpty == true)

            let bad = try await t.api(.PUT, path, token: hana, json: """
                {"panelSize":9,"rotation":"sometimes","managerScores":true,"blind":false,"autoAcceptDays":2,"reviewers":[]}
                """)
            #expect(bad.status == .unprocessableEntity)
            for field in ["panelSize", "rotation", "autoAcceptDays"] { #expect(bad.body.string.contains(#""field":"\#(field)""#), "\(field)") }
            let missing = try await t.api(.PUT, path, token: hana, json: #"{"panelSize":2,"rotation":"fixed","managerScores":true,"autoAcceptDays":5,"reviewers":[]}"#)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains(#""field":"blind""#))
            let stranger = try await t.api(.PUT, path, token: hana, json: try await settingsBody(t, panelSize: 1, reviewers: [reviewer, "owner@globex.test"]))
            #expect(stranger.status == .unprocessableEntity && stranger.body.string.contains(#""field":"reviewers""#))
            let notAnID = try await t.api(.PUT, path, token: hana, json: #"{"panelSize":1,"rotation":"fixed","managerScores":false,"blind":true,"autoAcceptDays":14,"reviewers":["x"]}"#)
            #expect(notAnID.status == .unprocessableEntity && notAnID.body.string.contains(#""field":"reviewers.0""#))
            #expect(try json(try await t.api(.GET, path, token: hana))["panelSize"] as? Int == 1, "nothing was saved")

            let saved = try await t.api(.PUT, path, token: hana, json: """
                {"panelSize":2,"rotation":"round_robin","managerScores":true,"blind":false,"autoAcceptDays":7,
                 "reviewers":["\(try await userID(t, admin))","\(try await userID(t, reviewer))","\(try await userID(t, admin))"]}
                """)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let read = try json(try await t.api(.GET, path, token: hana))
            #expect(read["panelSize"] as? Int == 2 && read["rotation"] as? String == "round_robin" && read["managerScores"] as? Bool == true)
            #expect(read["blind"] as? Bool == false && read["autoAcceptDays"] as? Int == 7)
            #expect((read["reviewers"] as? [[String: Any]])?.compactMap { $0["email"] as? String } == [admin, reviewer])
            #expect(try json(saved)["autoAcceptDays"] as? Int == 7)
        }
    }
}
