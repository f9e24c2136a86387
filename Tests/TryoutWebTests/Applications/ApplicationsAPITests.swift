import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Applications API")
struct ApplicationsAPITests {
    @Test("apply, screen blind, shortlist, offer and accept through the API; nobody else reads the application")
    func flow() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager])
            try await Factory(t).organization("Rival")
            let project = try await Factory(t).publishedProject(of: org)
            let projectID = try project.requireID()
            try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let ada = try await t.token(for: "ada@uni.test")
            let manager = try await t.token(for: "hiring_manager@acme.test")

            let missing = try await t.api(.POST, "/api/v1/projects/\(projectID)/applications", token: ada, json: #"{"answers":[]}"#)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains(#""field":"answers""#))
            // The longest answers the schema allows, every character escaped, are read, not refused as too large.
            let escaped = String(repeating: #"\ud83d\ude00"#, count: 2000)
            let longest = #"{"answers":["# + Array(repeating: "\"\(escaped)\"", count: 10).joined(separator: ",") + #"],"coverNote":"\#(escaped)"}"#
            let large = try await t.api(.POST, "/api/v1/projects/\(projectID)/applications", token: ada, json: longest)
            #expect(large.status == .unprocessableEntity && large.body.string.contains(#""field":"answers""#))
            let sent = try await t.api(.POST, "/api/v1/projects/\(projectID)/applications", token: ada,
                                       json: #"{"answers":["Cohorts first."],"portfolio":["https://example.org/w"]}"#)
            #expect(sent.status == .created)
            let id = try JSONDecoder().decode(IDOnly.self, from: Data(sent.body.string.utf8)).id
            #expect(try await t.api(.POST, "/api/v1/projects/\(projectID)/applications", token: ada, json: #"{"answers":["Again"]}"#).status == .conflict)
            #expect(try await t.api(.POST, "/api/v1/projects/\(projectID)/applications", token: manager, json: #"{"answers":["Me"]}"#).status == .forbidden)

            let blind = try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants", token: manager).body.string
            let detail = try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants/\(id)", token: manager).body.string
            let owner = try await t.token(for: "owner@acme.test")
            var others = ""
            for path in ["/api/v1/organizations/acme/audit-events", "/api/v1/projects/\(projectID)", "/api/v1/organizations/acme/fairness",
                         "/api/v1/projects/\(projectID)/fairness", "/api/v1/organizations/acme/members"] {
                others += try await t.api(.GET, path, token: owner).body.string
            }
            #expect(others.contains(BlindScreening.handle(for: id)), "the audit log names the applicant by handle")
            for body in [blind, detail, others] {
                #expect(body.contains(BlindScreening.handle(for: id)) && !body.contains("Ada Okafor") && !body.contains("ada@uni.test")
                        && !body.contains("identity"))
            }
            let bad = try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants?state=hired", token: manager)
            #expect(bad.status == .unprocessableEntity)

            let shortlisted = try await t.api(.POST, "/api/v1/projects/\(projectID)/decisions", token: manager,
                                              json: #"{"applicationIDs":["\#(id)"],"action":"shortlisted"}"#)
            #expect(shortlisted.status == .ok && shortlisted.body.string.contains("ada@uni.test"))
            let refused = try await t.api(.POST, "/api/v1/projects/\(projectID)/decisions", token: manager,
                                          json: #"{"applicationIDs":["\#(UUID())"],"action":"rejected"}"#)
            #expect(refused.status == .unprocessableEntity)
            // All or none: with one foreign id in the batch, the applicant who could move stays put.
            let mixed = try await t.api(.POST, "/api/v1/projects/\(projectID)/decisions", token: manager,
                                        json: #"{"applicationIDs":["\#(id)","\#(UUID())"],"action":"offered"}"#)
            #expect(mixed.status == .unprocessableEntity && mixed.body.string.contains(#""field":"applicationIDs""#))
            #expect(try await ApplicationRecord.find(id, on: t.db)?.state == .shortlisted)
            #expect(try await t.api(.POST, "/api/v1/projects/\(projectID)/decisions", token: manager,
                                    json: #"{"applicationIDs":["\#(id)"],"action":"offered","message":"Welcome"}"#).status == .ok)

            let bo = try await t.token(for: "bo@uni.test")
            let rival = try await t.token(for: "owner@rival.test")
            #expect(try await t.api(.GET, "/api/v1/me/applications/\(id)", token: bo).status == .notFound)
            #expect(try await t.api(.POST, "/api/v1/me/applications/\(id)/accept", token: bo).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants", token: rival).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants", token: bo).status == .notFound)

            let accepted = try await t.api(.POST, "/api/v1/me/applications/\(id)/accept", token: ada)
            #expect(accepted.status == .ok && accepted.body.string.contains(#""state":"accepted""#))
            #expect(try await t.api(.POST, "/api/v1/me/applications/\(id)/decline", token: ada).status == .conflict)
            let withdrawn = try await t.api(.POST, "/api/v1/me/applications/\(id)/withdraw", token: ada)
            #expect(withdrawn.status == .ok && withdrawn.body.string.contains(#""state":"withdrawn""#))
            let mine = try await t.api(.GET, "/api/v1/me/applications", token: ada).body.string
            #expect(mine.contains(#""message":"Welcome""#))
            #expect(try await t.api(.GET, "/api/v1/me/notifications", token: ada).body.string.contains("offers you a place"))
            #expect(try await t.api(.GET, "/api/v1/me/recommendations", token: manager).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/me/recommendations", token: bo).body.string.contains(project.title))
        }
    }

    @Test("screening switches and fairness reports: for the right roles only")
    func settingsAndFairness() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
            let project = try await Factory(t).publishedProject(of: org)
            let projectID = try project.requireID()
            let owner = try await t.token(for: "owner@acme.test")
            let manager = try await t.token(for: "hiring_manager@acme.test")
            let reviewer = try await t.token(for: "reviewer@acme.test")
            let saved = try await t.api(.PUT, "/api/v1/projects/\(projectID)/screening", token: manager,
                                        json: #"{"blind":false,"revealAt":"offer","offerWindowDays":3}"#)
            #expect(saved.status == .ok && saved.body.string.contains(#""offerWindowDays":3"#))
            #expect(try await t.api(.PUT, "/api/v1/projects/\(projectID)/screening", token: manager,
                                    json: #"{"blind":true,"revealAt":"offer","offerWindowDays":99}"#).status == .unprocessableEntity)
            #expect(try await t.api(.PUT, "/api/v1/projects/\(projectID)/screening", token: reviewer,
                                    json: #"{"blind":true,"revealAt":"offer","offerWindowDays":3}"#).status == .notFound)
            #expect(try await Projects.find(id: projectID, on: t.db)?.screening == ScreeningSettings(blind: false, revealAt: .offer, offerWindowDays: 3))
            #expect(try await t.api(.GET, "/api/v1/projects/\(projectID)/fairness", token: owner).body.string.contains(#""minimumGroupSize":11"#))
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/fairness", token: owner).status == .ok)
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/fairness", token: manager).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/projects/\(projectID)/fairness", token: reviewer).status == .notFound)
        }
    }

    /// Acme with an owner and a hiring manager, a published blind project, and Ada's application
    /// to it from Singapore.
    private func blindApplication(_ t: TestApp) async throws -> (OrganizationRecord, UUID, UUID) {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager])
        let project = try await Factory(t).publishedProject(of: org)
        let user = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
        let record = try #require(try await CandidateProfiles.profile(userID: user.requireID(), on: t.db))
        var profile = try await CandidateProfiles.profile(record, on: t.db)
        profile.timeZone = "Asia/Singapore"
        try await CandidateProfiles.update(record, to: profile, at: t.clock.now, on: t.db)
        let application = try #require(try await Applications.submit(to: project, userID: user.requireID(), ApplicationInput(answers: ["Cohorts."]),
                                                                    at: t.clock.now, on: t.db))
        return (org, try project.requireID(), try application.requireID())
    }

    @Test("turning blind screening off answers 409 naming who would be shown, until confirmReveal; each reveal is audited and kept")
    func revealNeedsConfirmation() async throws {
        try await withTestApp { t in
            let (org, projectID, id) = try await blindApplication(t)
            let manager = try await t.token(for: "hiring_manager@acme.test")
            let path = "/api/v1/projects/\(projectID)/screening"
            let refused = try await t.api(.PUT, path, token: manager, json: #"{"blind":false,"revealAt":"shortlist","offerWindowDays":7}"#)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains(BlindScreening.handle(for: id)) && refused.body.string.contains("confirmReveal"))
            #expect(try await Projects.find(id: projectID, on: t.db)?.blindScreening == true)
            let confirmed = try await t.api(.PUT, path, token: manager,
                                            json: #"{"blind":false,"revealAt":"shortlist","offerWindowDays":7,"confirmReveal":true}"#)
            #expect(confirmed.status == .ok)
            let reveals = try await AuditLog.recent(organizationID: org.requireID(), on: t.db).filter { $0.action == .identityRevealed }
            #expect(reveals.count == 1 && reveals.first?.actorEmail == "hiring_manager@acme.test")
            #expect(try await t.api(.PUT, path, token: manager, json: #"{"blind":true,"revealAt":"shortlist","offerWindowDays":7}"#).status == .ok)
            let detail = try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants/\(id)", token: manager).body.string
            #expect(detail.contains("ada@uni.test"), "revealed stays revealed")
        }
    }

    @Test("before the reveal the API gives an applicant's offset from UTC and the overlap with the project's hours, not the time zone's name")
    func timeZoneBeforeReveal() async throws {
        try await withTestApp { t in
            let (_, projectID, id) = try await blindApplication(t)
            let manager = try await t.token(for: "hiring_manager@acme.test")
            let path = "/api/v1/projects/\(projectID)/applicants/\(id)"
            func applicant() async throws -> [String: Any] {
                try #require(try JSONSerialization.jsonObject(with: Data(try await t.api(.GET, path, token: manager).body.readableBytesView)) as? [String: Any])
            }
            #expect(try await applicant()["overlapHours"] == nil, "no overlap while the project names no time zone")
            #expect(try await t.api(.PATCH, "/api/v1/projects/\(projectID)", token: try await t.token(for: "owner@acme.test"),
                                    json: #"{"timeZone":"Europe/Berlin"}"#).status == .ok)
            let blind = try await t.api(.GET, path, token: manager).body.string
            #expect(blind.contains(#""utcOffset":"UTC+8""#) && !blind.contains("Singapore"))
            // In November Singapore's 9:00–17:00 is Berlin's 2:00–10:00.
            #expect((try await applicant()["overlapHours"] as? NSNumber)?.doubleValue == 1)
            #expect(!(try await t.api(.GET, "/api/v1/projects/\(projectID)/applicants", token: manager).body.string.contains("Singapore")))
            #expect(try await t.api(.POST, "/api/v1/projects/\(projectID)/decisions", token: manager,
                                    json: #"{"applicationIDs":["\#(id)"],"action":"shortlisted"}"#).status == .ok)
            #expect(try await t.api(.GET, path, token: manager).body.string.contains("Singapore"), "the name shows once revealed")
        }
    }

    @Test("the accommodations note reaches the people who run the engagement: a reviewer reads it only once assigned as a mentor")
    func accommodations() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let path = "/projects/\(engagement.$project.id)/applicants/\(engagement.$application.id)"
            let note = "Captions on calls for Ada Okafor"
            let reviewer = try await t.token(for: "reviewer@acme.test")
            let unassigned = try await t.api(.GET, "/api/v1" + path, token: reviewer)
            #expect(unassigned.status == .ok && !unassigned.body.string.contains(note))
            try await t.signIn("reviewer@acme.test")
            #expect(!(try await t.get(path).body.string.contains(note)))
            #expect(!(try await t.api(.GET, "/api/v1/projects/\(engagement.$project.id)/applicants", token: reviewer).body.string.contains(note)))
            #expect(try await t.api(.GET, "/api/v1" + path, token: try await t.token(for: "hiring_manager@acme.test")).body.string.contains(note))

            let reviewerID = try #require(try await Accounts.user(email: EmailAddress("reviewer@acme.test")!, on: t.db)).requireID()
            _ = try await Engagements.addToTeam(reviewerID, engagementID: engagement.requireID(), at: t.clock.now, on: t.db)
            #expect(try await t.api(.GET, "/api/v1" + path, token: reviewer).body.string.contains(note))
            #expect(try await t.get(path).body.string.contains(note))
        }
    }

    private struct IDOnly: Decodable {
        var id: UUID
    }
}
