import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Disputes API")
struct DisputesAPITests {
    @Test("open, answer and decide over the API; outsiders get 404, bad bodies 422 with field errors, a closed dispute 409")
    func lifecycle() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await Factory(t).user("staff@tryout.test", admin: true)
            try await startWork(t, engagement)
            let ada = try await t.token(for: "ada@uni.test"), hana = try await t.token(for: "hiring_manager@acme.test")
            let admin = try await t.token(for: "staff@tryout.test")
            try await Factory(t).organization("Globex")
            let outsider = try await t.token(for: "owner@globex.test")

            let bad = try await t.api(.POST, "/api/v1/engagements/\(id)/disputes", token: ada, json: #"{"subject":"nonsense","statement":""}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("subject") && bad.body.string.contains("statement"))
            #expect(try await t.api(.POST, "/api/v1/engagements/\(id)/disputes", token: outsider,
                                    json: #"{"subject":"amount_owed","statement":"Pay."}"#).status == .notFound)
            let opened = try await t.api(.POST, "/api/v1/engagements/\(id)/disputes", token: ada, json: #"{"subject":"amount_owed","statement":"Pay the first part."}"#)
            #expect(opened.status == .created)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let dispute = try decoder.decode(DTO.Dispute.self, from: Data(opened.body.string.utf8))
            #expect(opened.headers.first(name: .location) == "/api/v1/disputes/\(dispute.id.uuidString.lowercased())")
            #expect(dispute.state == .awaitingResponse && dispute.openedSide == .candidate)

            #expect(try await t.api(.GET, "/api/v1/disputes/\(dispute.id)", token: outsider).status == .notFound)
            #expect(try await t.api(.POST, "/api/v1/disputes/\(dispute.id)/decision", token: hana,
                                    json: #"{"outcome":"upheld","note":"Mine."}"#).status == .notFound)
            let answered = try await t.api(.POST, "/api/v1/disputes/\(dispute.id)/answer", token: hana, json: #"{"answer":"Paid on completion."}"#)
            #expect(answered.status == .ok && answered.body.string.contains(#""state":"awaiting_decision""#))
            let noShare = try await t.api(.POST, "/api/v1/disputes/\(dispute.id)/decision", token: admin, json: #"{"outcome":"partial","note":"Half."}"#)
            #expect(noShare.status == .unprocessableEntity && noShare.body.string.contains("sharePercent"))
            let decided = try await t.api(.POST, "/api/v1/disputes/\(dispute.id)/decision", token: admin,
                                          json: #"{"outcome":"partial","note":"Half.","sharePercent":50}"#)
            #expect(decided.status == .ok && decided.body.string.contains(#""sharePercent":50"#))
            #expect(try await t.api(.POST, "/api/v1/disputes/\(dispute.id)/withdraw", token: ada).status == .conflict)
            let desk = try await t.api(.GET, "/api/v1/admin/disputes", token: admin)
            #expect(desk.status == .ok && desk.body.string.contains(#""decidedLastYear":1"#))
            #expect(try await t.api(.GET, "/api/v1/admin/disputes", token: hana).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/engagements/\(id)/disputes", token: ada).body.string.contains(#""outcome":"partial""#))
        }
    }
}
