import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Engagements API")
struct EngagementsAPITests {
    private func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test("the whole engagement through the API: sign, tick, submit files, feedback, check-in, message, time, end")
    func wholeEngagement() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let ada = try await t.token(for: "ada@uni.test")
            let hana = try await t.token(for: "hiring_manager@acme.test")
            let base = "/api/v1/engagements/\(id)"

            let list = try await t.api(.GET, "/api/v1/engagements", token: ada)
            #expect(list.status == .ok && list.body.string.contains(id.uuidString.lowercased()))
            let detail = try json(try await t.api(.GET, base, token: ada))
            #expect(detail["role"] as? String == "candidate")
            #expect((detail["nextStep"] as? [String: Any])?["owner"] as? String == "candidate")
            let agreements = try #require(detail["agreements"] as? [[String: Any]])
            #expect(agreements.count == 2)

            // Signing: consent is required, a side signs once, each side for itself.
            let first = try #require(agreements.first?["id"] as? String)
            let noConsent = try await t.api(.POST, "\(base)/agreements/\(first)/signature", token: ada, json: #"{"fullName":"Ada Okafor","consent":false}"#)
            #expect(noConsent.status == .unprocessableEntity && noConsent.body.string.contains("consent"))
            for agreement in agreements {
                let agreementID = try #require(agreement["id"] as? String)
                for token in [ada, hana] {
                    let signed = try await t.api(.POST, "\(base)/agreements/\(agreementID)/signature", token: token, json: #"{"fullName":"Someone Signing","consent":true}"#)
                    #expect(signed.status == .ok)
                }
            }
            let again = try await t.api(.POST, "\(base)/agreements/\(first)/signature", token: ada, json: #"{"fullName":"Ada","consent":true}"#)
            #expect(again.status == .conflict && again.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let text = try json(try await t.api(.GET, "\(base)/agreements/\(first)", token: hana))
            #expect(text["intact"] as? Bool == true && (text["text"] as? String)?.contains("Ada Okafor") == true)

            // Onboarding, each side its own items.
            for item in try await Engagements.checklist(of: id, on: t.db) {
                let own = item.owner == .candidate ? ada : hana
                let other = item.owner == .candidate ? hana : ada
                #expect(try await t.api(.POST, "\(base)/checklist/\(try item.requireID())/done", token: other).status == .forbidden)
                #expect(try await t.api(.POST, "\(base)/checklist/\(try item.requireID())/done", token: own).status == .ok)
            }
            #expect(try await state(t, engagement) == .active)

            // A version through multipart: the spoofed file is named, nothing is stored; then a real one.
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            let spoofed = try await t.upload("\(base)/milestones/\(milestone)/submissions", fields: [("note", "v1")],
                                             files: [("files[]", "data.pdf", elfBytes)], token: ada)
            #expect(spoofed.status == .unprocessableEntity && spoofed.body.string.contains("data.pdf"))
            #expect(try await submissionCount(t) == 0)
            let jsonVersion = try await t.api(.POST, "\(base)/milestones/\(milestone)/submissions", token: ada, json: #"{"note":"x"}"#)
            #expect(jsonVersion.status == .unsupportedMediaType)
            let sent = try await t.upload("\(base)/milestones/\(milestone)/submissions", fields: [("note", "v1"), ("links.0", "https://example.com/nb")],
                                          files: [("files[]", "notes.md", Array("# Notes\n".utf8))], token: ada)
            #expect(sent.status == .created)
            let version = try json(sent)
            let files = try #require(version["files"] as? [[String: Any]])
            #expect(files.first?["kind"] as? String == "markdown" && version["version"] as? Int == 1)
            let fileID = try #require(files.first?["id"] as? String)
            let download = try await t.api(.GET, "\(base)/files/\(fileID)", token: hana)
            #expect(download.body.string == "# Notes\n" && download.headers.first(name: .contentDisposition) == "attachment; filename=\"notes.md\"")

            let submissionID = try #require(version["id"] as? String)
            let noWords = try await t.api(.POST, "\(base)/submissions/\(submissionID)/feedback", token: hana, json: #"{"decision":"request_changes"}"#)
            #expect(noWords.status == .unprocessableEntity)
            #expect(try await t.api(.POST, "\(base)/submissions/\(submissionID)/feedback", token: ada, json: #"{"decision":"accept"}"#).status == .forbidden)
            // With default settings the manager is the panel: the decision carries their scorecard.
            let unscored = try await t.api(.POST, "\(base)/submissions/\(submissionID)/feedback", token: hana, json: #"{"decision":"accept"}"#)
            #expect(unscored.status == .unprocessableEntity)
            #expect(unscored.body.string.contains(#""field":"scorecard.levels.0""#) && unscored.body.string.contains(#""field":"scorecard.levels.2""#))
            let badLevel = try await t.api(.POST, "\(base)/submissions/\(submissionID)/feedback", token: hana,
                                           json: #"{"decision":"accept","scorecard":{"levels":[3,5,3]}}"#)
            #expect(badLevel.status == .unprocessableEntity && badLevel.body.string.contains(#""field":"scorecard.levels.1""#))
            let accepting = """
                {"decision":"accept","feedback":"Good","scorecard":{"levels":[4,3,3],"comments":["Right","",""],"note":"Solid"}}
                """
            let accepted = try await t.api(.POST, "\(base)/submissions/\(submissionID)/feedback", token: hana, json: accepting, idempotencyKey: "fb-1")
            let answered = try json(accepted)
            // Accepting releases pay: sent again with its key, it answers as the first time and moves nothing.
            let acceptedAgain = try await t.api(.POST, "\(base)/submissions/\(submissionID)/feedback", token: hana, json: accepting, idempotencyKey: "fb-1")
            let replayed = acceptedAgain.headers.first(name: "Idempotent-Replayed")
            #expect(replayed == "true" && acceptedAgain.body.string == accepted.body.string)
            #expect(answered["state"] as? String == "accepted" && answered["turnaroundSeconds"] as? Int == 0)
            #expect(answered["result"] == nil, "the manager reads the scorecards under /reviews, not the candidate's result")
            let decided = try json(try await t.api(.GET, base, token: ada))
            let versions = try #require((decided["milestones"] as? [[String: Any]])?.first?["versions"] as? [[String: Any]])
            let result = try #require(versions.first?["result"] as? [String: Any])
            #expect((result["criteria"] as? [[String: Any]])?.first?["comments"] as? [String] == ["Right"] && result["notes"] as? [String] == ["Solid"])
            #expect(result["individualLevels"] == nil && result["autoAccepted"] as? Bool == false)

            // Check-ins, messages and time.
            let booked = try await t.api(.POST, "\(base)/check-ins", token: hana, json: #"{"startsAt":"2030-01-02T10:00","minutes":30,"agenda":"Midpoint"}"#)
            #expect(booked.status == .created)
            let badTime = try await t.api(.POST, "\(base)/check-ins", token: hana, json: #"{"startsAt":"soon","minutes":30,"agenda":"x"}"#)
            #expect(badTime.status == .unprocessableEntity && badTime.body.string.contains("startsAt"))
            #expect(try await t.api(.POST, "\(base)/messages", token: ada, json: #"{"body":"Hello https://example.com"}"#).status == .created)
            let thread = try await t.api(.GET, "\(base)/messages", token: hana)
            #expect(thread.body.string.contains("\"mine\":false") && thread.body.string.contains("Hello https:"))
            let today = BriefInput.dayString(t.clock.now)
            let logged = try json(try await t.api(.POST, "\(base)/time-entries", token: ada, json: #"{"day":"\#(today)","hours":2.5,"milestoneID":"\#(milestone)"}"#))
            #expect(logged["minutesLogged"] as? Int == 150)
            #expect(try await t.api(.POST, "\(base)/time-entries", token: ada, json: #"{"day":"\#(today)","hours":0.3}"#).status == .unprocessableEntity)

            // Notes are the employer's side's record, written once the check-in has begun.
            let checkIn = try #require(try json(booked)["id"] as? String)
            t.clock.advance(by: (try #require(ISO8601DateFormatter().date(from: "2030-01-02T10:00:00Z"))).timeIntervalSince(t.clock.now) + 60)
            let notes = "\(base)/check-ins/\(checkIn)/notes"
            #expect(try await t.api(.POST, notes, token: ada, json: #"{"notes":"I was there","candidateAttended":true}"#).status == .forbidden)
            let written = try json(try await t.api(.POST, notes, token: hana, json: #"{"notes":"Good pace","candidateAttended":true}"#))
            #expect(written["notes"] as? String == "Good pace" && written["candidateAttended"] as? Bool == true)
            #expect(try await t.api(.POST, notes, token: hana, json: #"{"notes":"Rewritten","candidateAttended":false}"#).status == .conflict)

            #expect(try await t.api(.POST, "\(base)/termination", token: hana, json: #"{"reason":"Budget cut"}"#, idempotencyKey: "no spaces").status == .badRequest)
            let ending = try await t.api(.POST, "\(base)/termination", token: hana, json: #"{"reason":"Budget cut"}"#, idempotencyKey: "end-1")
            let ended = try json(ending)
            let endedAgain = try await t.api(.POST, "\(base)/termination", token: hana, json: #"{"reason":"Budget cut"}"#, idempotencyKey: "end-1")
            #expect(endedAgain.headers.first(name: "Idempotent-Replayed") == "true")
            #expect((ended["summary"] as? [String: Any])?["state"] as? String == "terminated")
            #expect(((ended["owed"] as? [String: Any])?["amountMinor"] as? Int ?? 0) > 0)
            #expect(try await t.api(.POST, "\(base)/termination", token: ada, json: #"{"reason":"Again"}"#).status == .conflict)
        }
    }

    @Test("another organization, another candidate and anonymous callers reach nothing")
    func authorization() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await Factory(t).organization("Globex")
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first).requireID()
            for email in ["owner@globex.test", "bo@uni.test", "reviewer@acme.test"] {
                let token = try await t.token(for: email)
                #expect(try await t.api(.GET, "/api/v1/engagements", token: token).body.string == "[]")
                for path in ["", "/messages", "/check-ins", "/time-entries", "/agreements/\(agreement)"] {
                    #expect(try await t.api(.GET, "/api/v1/engagements/\(id)\(path)", token: token).status == .notFound, "\(email) \(path)")
                }
                #expect(try await t.api(.POST, "/api/v1/engagements/\(id)/messages", token: token, json: #"{"body":"hi"}"#).status == .notFound)
            }
            #expect(try await t.api(.GET, "/api/v1/engagements/\(id)", token: nil).status == .unauthorized)
        }
    }
}
