import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Applications and screening")
struct ApplicationsTests {
    /// Acme with an owner, an admin, a hiring manager and a reviewer; one published project; Ada, a candidate.
    private func setUp(_ t: TestApp, slots: Int = 1) async throws -> (OrganizationRecord, ProjectRecord) {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let org = try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
        let project = try await Factory(t).publishedProject(of: org, slots: slots)
        try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
        return (org, project)
    }

    private func apply(_ t: TestApp, _ email: String, to project: ProjectRecord) async throws -> UUID {
        try await t.signOut()
        try await t.signIn(email)
        try await t.get("/projects/\(try project.requireID())")
        let sent = try await t.post("/projects/\(try project.requireID())/apply", ["answers.0": "The churn cohorts first.", "coverNote": "Keen."])
        #expect(sent.status == .seeOther)
        let user = try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db))
        return try #require(try await Applications.live(projectID: project.requireID(), userID: user.requireID(), on: t.db)).requireID()
    }

    private func decide(_ t: TestApp, as email: String, _ project: ProjectRecord, _ id: UUID, _ action: String,
                        message: String = "") async throws -> TestingHTTPResponse {
        try await t.signOut()
        try await t.signIn(email)
        try await t.get("/projects/\(try project.requireID())/applicants")
        return try await t.post("/projects/\(try project.requireID())/applicants/decide",
                                ["action": action, "message": message, "ids[]": id.uuidString.lowercased()])
    }

    @Test("apply, shortlist, offer, accept: each move reaches the candidate in the app and by e-mail, and is audited")
    func fullFlow() async throws {
        try await withTestApp { t in
            let (org, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await t.signIn("ada@uni.test")
            #expect(try await t.get("/projects/\(projectID)").body.string.contains("Send application"))
            let blank = try await t.post("/projects/\(projectID)/apply", ["answers.0": " ", "portfolio.0": "http://example.org"])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("The answer to question 1 is required.") && blank.body.string.contains("must be an https address"))
            let id = try await apply(t, "ada@uni.test", to: project)
            let twice = try await t.post("/projects/\(projectID)/apply", ["answers.0": "Again"])
            #expect(twice.status == .conflict)
            #expect(try await t.get("/applications").body.string.contains("Submitted"))
            #expect(try await t.get("/notifications").body.string.contains("was received"))

            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "shortlisted").status == .seeOther)
            #expect(try await t.get("/projects/\(projectID)/applicants/\(id)").body.string.contains("Ada Okafor"))
            let offer = try await decide(t, as: "hiring_manager@acme.test", project, id, "offered", message: "Welcome aboard")
            #expect(offer.status == .seeOther)
            // Offering again is not a move an offered application can make: every refusal is listed.
            let again = try await decide(t, as: "hiring_manager@acme.test", project, id, "shortlisted")
            #expect(again.status == .unprocessableEntity && again.body.string.contains("cannot become shortlisted"))

            try await t.signOut()
            try await t.signIn("ada@uni.test")
            let mine = try await t.get("/applications/\(id)").body.string
            #expect(mine.contains("Welcome aboard") && mine.contains("Accept the offer"))
            #expect(try await t.post("/applications/\(id)/accept").status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: t.db)?.state == .accepted)
            // The accommodations note reaches the employer only now, with the accepted place.
            try await t.signOut()
            try await t.signIn("hiring_manager@acme.test")
            #expect(try await t.get("/projects/\(projectID)/applicants/\(id)").body.string.contains("Captions on calls for Ada Okafor"))
            // The accepted place is an engagement now, and the people who run projects hear of it.
            let engagement = try #require(try await Engagements.forApplication(id, on: t.db))
            #expect(engagement.state == .contracting)
            #expect(try await t.get("/notifications").body.string.contains("Ada Okafor accepted a place"))
            #expect(try await Outbox.messages(to: "owner@acme.test", on: t.db).contains { $0.subject.hasSuffix("a place was accepted") })
            #expect(try await Outbox.messages(to: "reviewer@acme.test", on: t.db).isEmpty)
            let notices = try await Notifications.recent(userID: try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db)).requireID(), on: t.db)
            #expect(notices.count == 4)
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).count == 4)
            let actions = try await AuditLog.recent(organizationID: org.requireID(), on: t.db).map(\.action)
            #expect(actions.filter { $0 == .applicationMoved }.count == 3 && actions.contains(.applicationSubmitted) && actions.contains(.identityRevealed))
        }
    }

    @Test("blind screening: no page or log an employer user can read names the applicant before the reveal")
    func blind() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            let id = try await apply(t, "ada@uni.test", to: project)
            let secrets = ["Ada Okafor", "ada@uni.test", "Headline of Ada", "Home town of Ada", "Captions on calls"]
            let pages = ["/projects/\(projectID)/applicants", "/projects/\(projectID)/applicants?sort=newest&state=submitted",
                         "/projects/\(projectID)/applicants/\(id)", "/projects/\(projectID)", "/orgs/acme/audit", "/projects/\(projectID)/candidates",
                         "/projects/\(projectID)/fairness", "/orgs/acme/fairness"]
            func employerPages() async throws -> String {
                var seen = ""
                for email in ["owner@acme.test", "admin@acme.test", "hiring_manager@acme.test", "reviewer@acme.test"] {
                    try await t.signOut()
                    try await t.signIn(email)
                    for page in pages { seen += try await t.get(page).body.string }
                }
                return seen
            }
            let before = try await employerPages()
            #expect(before.contains(BlindScreening.handle(for: id)))
            for secret in secrets { #expect(!before.contains(secret), "\(secret) shown before the reveal") }

            // Revealed at offer: the shortlist keeps the applicant blind.
            try await t.signOut()
            try await t.signIn("owner@acme.test")
            try await t.get("/projects/\(projectID)/applicants")
            #expect(try await t.post("/projects/\(projectID)/screening", ["blind": "on", "revealAt": "offer", "offerWindowDays": "5"]).status == .seeOther)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "shortlisted").status == .seeOther)
            for secret in secrets { #expect(!(try await employerPages()).contains(secret)) }
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "offered").status == .seeOther)
            #expect(try await t.get("/projects/\(projectID)/applicants/\(id)").body.string.contains("ada@uni.test"))
            let offered = try #require(try await ApplicationRecord.find(id, on: t.db))
            #expect(offered.offerExpiresAt == offered.offeredAt?.addingTimeInterval(5 * 86_400))
        }
    }

    @Test("turning blind screening off asks first, naming who will be shown; each reveal is audited, and the revealed stay revealed")
    func revealByTurningBlindOff() async throws {
        try await withTestApp { t in
            let (org, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            try await Factory(t).candidate("cy@uni.test", name: "Cy Moreau")
            let ada = try await apply(t, "ada@uni.test", to: project)
            func manage() async throws {
                try await t.signOut()
                try await t.signIn("hiring_manager@acme.test")
                try await t.get("/projects/\(projectID)/applicants")
            }
            func screening(_ fields: [String: String]) async throws -> TestingHTTPResponse {
                try await t.post("/projects/\(projectID)/screening", fields.merging(["revealAt": "shortlist", "offerWindowDays": "7"]) { first, _ in first })
            }
            try await manage()
            let asked = try await screening([:])
            #expect(asked.status == .ok)
            #expect(asked.body.string.contains("Turn blind screening off?") && asked.body.string.contains(BlindScreening.handle(for: ada)))
            #expect(!asked.body.string.contains("Ada Okafor"))
            #expect(try await Projects.find(id: projectID, on: t.db)?.blindScreening == true)

            // Bo applies before the confirmation arrives: it reveals nobody and asks again, naming Bo too.
            let bo = try await apply(t, "bo@uni.test", to: project)
            try await manage()
            let stale = try await screening(["confirmReveal": ada.uuidString.lowercased()])
            #expect(stale.status == .ok && stale.body.string.contains(BlindScreening.handle(for: bo)))
            #expect(try await ApplicationRecord.find(ada, on: t.db)?.revealedAt == nil)
            let confirmed = try await screening(["confirmReveal": [bo, ada].map { $0.uuidString.lowercased() }.joined(separator: ",")])
            #expect(confirmed.status == .seeOther)
            #expect(try await Projects.find(id: projectID, on: t.db)?.blindScreening == false)
            let reveals = try await AuditLog.recent(organizationID: org.requireID(), on: t.db).filter { $0.action == .identityRevealed }
            #expect(reveals.count == 2 && reveals.allSatisfy { $0.actorEmail == "hiring_manager@acme.test" })
            #expect(Set(reveals.map { $0.detail.components(separatedBy: " on ")[0] }) == [BlindScreening.handle(for: ada), BlindScreening.handle(for: bo)])

            // Cy applies while names are shown, then blind screening comes back on: nobody is hidden again, nobody asked about.
            _ = try await apply(t, "cy@uni.test", to: project)
            try await manage()
            #expect(try await screening(["blind": "on"]).status == .seeOther)
            let list = try await t.get("/projects/\(projectID)/applicants").body.string
            #expect(list.contains("Ada Okafor") && list.contains("Bo Lind") && list.contains("Cy Moreau"))
            #expect(try await t.get("/projects/\(projectID)/applicants/\(ada)").body.string.contains("ada@uni.test"))
        }
    }

    @Test("before the reveal an applicant's time zone shows as its offset from UTC and the overlap with the project's hours, never by name")
    func timeZoneBeforeReveal() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            project.timeZone = "Europe/Berlin"
            try await project.save(on: t.db)
            let user = try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db))
            let record = try #require(try await CandidateProfiles.profile(userID: user.requireID(), on: t.db))
            var profile = try await CandidateProfiles.profile(record, on: t.db)
            profile.timeZone = "Asia/Singapore"
            try await CandidateProfiles.update(record, to: profile, at: t.clock.now, on: t.db)
            let id = try await apply(t, "ada@uni.test", to: project)
            try await t.signOut()
            try await t.signIn("hiring_manager@acme.test")
            // The test clock stands in November: Berlin is at UTC+1, so Singapore's 9:00–17:00 is Berlin's 2:00–10:00.
            let blind = try await t.get("/projects/\(projectID)/applicants/\(id)").body.string
            #expect(blind.contains("UTC+8 · 1 h overlap with the project") && blind.contains("(9:00–17:00 Europe/Berlin)"))
            #expect(!blind.contains("Singapore"))
            let list = try await t.get("/projects/\(projectID)/applicants").body.string
            #expect(list.contains("UTC+8 · 1 h overlap") && !list.contains("Singapore"))
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "shortlisted").status == .seeOther)
            #expect(try await t.get("/projects/\(projectID)/applicants/\(id)").body.string.contains("Asia/Singapore, UTC+8 · 1 h overlap"))
        }
    }

    @Test("candidates' addresses never reach the organization's audit log, page or API; its members' do; platform admins see all")
    func auditAddresses() async throws {
        try await withTestApp(configure: { $0.trustProxy = true }) { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await Factory(t).user("root@tryout.test", admin: true)
            try await t.signIn("ada@uni.test")
            try await t.get("/projects/\(projectID)")
            let sent = try await t.post("/projects/\(projectID)/apply", ["answers.0": "Cohorts."], headers: ["X-Forwarded-For": "203.0.113.7"])
            #expect(sent.status == .seeOther)
            try await t.signOut()
            try await t.signIn("owner@acme.test")
            try await t.get("/projects/\(projectID)/applicants")
            let saved = try await t.post("/projects/\(projectID)/screening", ["blind": "on", "revealAt": "offer", "offerWindowDays": "5"],
                                         headers: ["X-Forwarded-For": "198.51.100.4"])
            #expect(saved.status == .seeOther)
            let page = try await t.get("/orgs/acme/audit").body.string
            #expect(page.contains("Applied") && page.contains("198.51.100.4") && !page.contains("203.0.113.7"))
            let api = try await t.api(.GET, "/api/v1/organizations/acme/audit-events", token: try await t.token(for: "owner@acme.test")).body.string
            #expect(api.contains("198.51.100.4") && !api.contains("203.0.113.7"))
            try await t.signOut()
            try await t.signIn("root@tryout.test")
            #expect(try await t.get("/admin/audit").body.string.contains("203.0.113.7"))
            #expect(try await t.get("/orgs/acme/audit").body.string.contains("203.0.113.7"))
        }
    }

    @Test("a freed place offered to the first on the waiting list is Tryout's move: logged with no actor and no address")
    func waitingListMovesUp() async throws {
        try await withTestApp { t in
            let (org, project) = try await setUp(t)
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let ada = try await apply(t, "ada@uni.test", to: project)
            let bo = try await apply(t, "bo@uni.test", to: project)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, bo, "waitlisted").status == .seeOther)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, ada, "shortlisted").status == .seeOther)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, ada, "offered").status == .seeOther)
            try await t.signOut()
            try await t.signIn("ada@uni.test")
            try await t.get("/applications/\(ada)")
            #expect(try await t.post("/applications/\(ada)/accept").status == .seeOther)
            try await t.get("/applications/\(ada)")
            #expect(try await t.post("/applications/\(ada)/withdraw").status == .seeOther)
            #expect(try await ApplicationRecord.find(bo, on: t.db)?.state == .offered)

            let events = try await AuditLog.recent(organizationID: org.requireID(), on: t.db)
            let boHandle = BlindScreening.handle(for: bo)
            let moveUp = events.filter { $0.detail.hasPrefix(boHandle) && ($0.action == .identityRevealed || $0.detail.contains("waitlisted → offered")) }
            #expect(moveUp.count == 2)
            for event in moveUp {
                #expect(event.actorUserID == nil && event.actorEmail.isEmpty && event.ip.isEmpty, "\(event.action) names an actor")
                #expect(event.detail.hasSuffix("(automatic: a place opened up)"))
            }
            #expect(events.contains { $0.detail.contains("accepted → withdrawn") && $0.actorEmail == BlindScreening.handle(for: ada) })
        }
    }

    /// Twelve, not more: each waits for the project's lock holding a connection, and twelve fit the
    /// test database's pool (8 per event loop), so none waits for a connection on a busy machine.
    @Test("12 candidates accept 3 places at once: exactly 3 get them, the rest wait; a freed place goes to the first waiting")
    func slotRace() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t, slots: 3)
            let projectID = try project.requireID()
            var ids: [UUID] = []
            for index in 0..<12 {
                let user = try await Factory(t).candidate("c\(index)@uni.test", name: "Candidate \(index)")
                let application = try #require(try await Applications.submit(to: project, userID: user.requireID(),
                                                                            ApplicationInput(answers: ["Yes"]), at: t.clock.now, on: t.db))
                ids.append(try application.requireID())
            }
            let now = t.clock.now
            let offered = ids
            _ = try await DecisionLock.run(projectID: projectID, on: t.db) { tx in
                _ = try await Applications.decide(try ApplicationDecision(ids: offered, target: .shortlisted, message: ""), of: project, at: now, on: tx)
                return try await Applications.decide(try ApplicationDecision(ids: offered, target: .offered, message: ""), of: project, at: now, on: tx).count
            }
            let applications = try await Applications.forProject(projectID, on: t.db)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for application in applications {
                    group.addTask {
                        _ = try await DecisionLock.run(projectID: projectID, on: t.db) { tx in
                            try await Applications.respond(application, of: project, to: .accepted, at: now, on: tx).count
                        }
                    }
                }
                try await group.waitForAll()
            }
            let states = try await Applications.forProject(projectID, on: t.db).map(\.state)
            #expect(states.filter { $0 == .accepted }.count == 3)
            #expect(states.filter { $0 == .waitlisted }.count == 9)

            let accepted = try #require(try await Applications.forProject(projectID, states: [.accepted], on: t.db).first)
            let firstWaiting = try #require(try await Applications.forProject(projectID, states: [.waitlisted], on: t.db)
                .min { ($0.stateChangedAt, $0.id!.uuidString) < ($1.stateChangedAt, $1.id!.uuidString) })
            t.clock.advance(by: 60)
            let later = t.clock.now
            let changes = try await DecisionLock.run(projectID: projectID, on: t.db) { tx in
                try await Applications.respond(accepted, of: project, to: .withdrawn, at: later, on: tx).map { $0.application.state }
            }
            #expect(changes == [.withdrawn, .offered])
            #expect(try await ApplicationRecord.find(firstWaiting.requireID(), on: t.db)?.state == .offered)
        }
    }

    @Test("closing a project turns down everyone still in screening, politely; open offers stand")
    func closing() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let ada = try await apply(t, "ada@uni.test", to: project)
            let bo = try await apply(t, "bo@uni.test", to: project)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, ada, "shortlisted").status == .seeOther)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, ada, "offered").status == .seeOther)
            #expect(try await t.post("/projects/\(projectID)/close").status == .seeOther)
            #expect(try await ApplicationRecord.find(bo, on: t.db)?.state == .rejected)
            #expect(try await ApplicationRecord.find(ada, on: t.db)?.state == .offered)
            let mail = try await Outbox.messages(to: "bo@uni.test", on: t.db).map(\.body).joined()
            #expect(mail.contains("Thank you for the time you gave it."))
        }
    }

    @Test("an offer lapses after its window: the candidate can no longer accept, the employer may then turn it down")
    func lapsedOffer() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            let id = try await apply(t, "ada@uni.test", to: project)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "shortlisted").status == .seeOther)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "offered").status == .seeOther)
            let open = try await decide(t, as: "hiring_manager@acme.test", project, id, "rejected")
            #expect(open.status == .unprocessableEntity && open.body.string.contains("The offer is still open"))
            let rejectChoice = #"<option value="rejected""#
            #expect(!(try await t.get("/projects/\(projectID)/applicants/\(id)").body.string.contains(rejectChoice)))
            t.clock.advance(by: 7 * 86_400 + 1)
            #expect(try await t.get("/projects/\(projectID)/applicants/\(id)").body.string.contains(rejectChoice))
            try await t.signOut()
            try await t.signIn("ada@uni.test")
            #expect(try await t.get("/applications/\(id)").body.string.contains("Offer expired"))
            #expect(try await t.post("/applications/\(id)/accept").status == .seeOther)
            #expect(try await t.get("/applications/\(id)").body.string.contains("The offer has expired."))
            #expect(try await ApplicationRecord.find(id, on: t.db)?.state == .offered)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "rejected").status == .seeOther)
            #expect(try await ApplicationRecord.find(id, on: t.db)?.state == .rejected)
        }
    }

    @Test("cancelling a project also ends the offers nobody has answered")
    func cancelling() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let id = try await apply(t, "ada@uni.test", to: project)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "shortlisted").status == .seeOther)
            #expect(try await decide(t, as: "hiring_manager@acme.test", project, id, "offered").status == .seeOther)
            #expect(try await t.post("/projects/\(try project.requireID())/cancel").status == .seeOther)
            let application = try #require(try await ApplicationRecord.find(id, on: t.db))
            #expect(application.state == .rejected && application.message.contains("cancelled"))
        }
    }

    @Test("two applications sent at once: one lands, the other is refused")
    func simultaneousApplications() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let ada = try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db)).requireID()
            let now = t.clock.now
            let landed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await Applications.submit(to: project, userID: ada, ApplicationInput(answers: ["Yes"]), at: now, on: t.db) != nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(landed == 1)
            #expect(try await Applications.forProject(project.requireID(), on: t.db).count == 1)
        }
    }

    @Test("people to invite: discoverable candidates who have not applied, by code; the invitation reaches them")
    func peopleToInvite() async throws {
        try await withTestApp { t in
            let (org, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            _ = try await apply(t, "ada@uni.test", to: project)
            let bo = try #require(try await Accounts.user(email: EmailAddress("bo@uni.test")!, on: t.db))
            let profile = try #require(try await CandidateProfiles.profile(userID: bo.requireID(), on: t.db)).requireID()
            try await t.signOut()
            try await t.signIn("hiring_manager@acme.test")
            let page = try await t.get("/projects/\(projectID)/candidates").body.string
            #expect(page.contains("Candidate \(BlindScreening.code(for: profile))"))
            #expect(!page.contains("Bo Lind") && !page.contains("bo@uni.test") && !page.contains("Ada Okafor"))
            #expect(page.components(separatedBy: "<th scope=\"row\">Candidate ").count == 2, "Ada applied already, so only Bo is listed")
            #expect(try await t.post("/projects/\(projectID)/candidates/\(profile)/invite").status == .seeOther)
            #expect(try await Notifications.unreadCount(userID: bo.requireID(), on: t.db) == 1)
            #expect(try await Outbox.messages(to: "bo@uni.test", on: t.db).first?.subject.contains(project.title) == true)
            #expect(try await AuditLog.recent(organizationID: org.requireID(), on: t.db).contains { $0.action == .candidateInvited })
            // Someone who did not ask to be found cannot be invited.
            let adaUser = try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db))
            let adaProfile = try #require(try await CandidateProfiles.profile(userID: adaUser.requireID(), on: t.db))
            adaProfile.discoverable = false
            try await adaProfile.save(on: t.db)
            #expect(try await t.post("/projects/\(projectID)/candidates/\(adaProfile.requireID())/invite").status == .notFound)
            try await t.signOut()
            try await t.signIn("reviewer@acme.test")
            try await t.get("/projects/\(projectID)/applicants")
            #expect(try await t.post("/projects/\(projectID)/candidates/\(profile)/invite").status == .notFound)
        }
    }

    @Test("notifications: the navigation counts the unread, and reading them clears the count")
    func notifications() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            _ = try await apply(t, "ada@uni.test", to: project)
            let page = try await t.get("/notifications").body.string
            #expect(page.contains(#"Notifications <span class="count">1<span class="visually-hidden"> unread</span>"#) && page.contains("New: "))
            #expect(try await t.post("/notifications/read").status == .seeOther)
            let after = try await t.get("/notifications").body.string
            #expect(!after.contains("unread") && !after.contains("New: ") && after.contains("was received"))
        }
    }

    @Test("bad screening settings are shown again with field errors and change nothing")
    func badScreeningSettings() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await t.signIn("hiring_manager@acme.test")
            try await t.get("/projects/\(projectID)/applicants")
            let bad = try await t.post("/projects/\(projectID)/screening", ["revealAt": "never", "offerWindowDays": "0"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Give candidates 1 to 30 days"))
            #expect(try await Projects.find(id: projectID, on: t.db)?.screening == ScreeningSettings())
        }
    }

    @Test("applications are private: other candidates, other organizations and reviewers' decisions get 404")
    func authorization() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await Factory(t).organization("Rival")
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let id = try await apply(t, "ada@uni.test", to: project)

            try await t.signOut()
            try await t.signIn("bo@uni.test")
            #expect(try await t.get("/applications/\(id)").status == .notFound)
            #expect(try await t.post("/applications/\(id)/withdraw").status == .notFound)
            #expect(try await t.get("/projects/\(projectID)/applicants").status == .notFound)
            #expect(!(try await t.get("/applications").body.string.contains(project.title)))

            try await t.signOut()
            try await t.signIn("owner@rival.test")
            for path in ["/projects/\(projectID)/applicants", "/projects/\(projectID)/applicants/\(id)", "/projects/\(projectID)/fairness",
                         "/orgs/acme/fairness", "/projects/\(projectID)/candidates"] {
                #expect(try await t.get(path).status == .notFound, "\(path)")
            }
            #expect(try await decide(t, as: "owner@rival.test", project, id, "rejected").status == .notFound)

            #expect(try await decide(t, as: "reviewer@acme.test", project, id, "rejected").status == .notFound)
            #expect(try await t.get("/projects/\(projectID)/applicants").status == .ok)
            #expect(try await t.get("/projects/\(projectID)/fairness").status == .notFound)
            try await t.signOut()
            try await t.signIn("hiring_manager@acme.test")
            #expect(try await t.get("/orgs/acme/fairness").status == .notFound)
            #expect(try await ApplicationRecord.find(id, on: t.db)?.state == .submitted)
        }
    }

    @Test("no applications after the deadline day, none to a draft, none from organization members")
    func applyRules() async throws {
        try await withTestApp { t in
            let (org, _) = try await setUp(t)
            let deadline = Date(timeIntervalSince1970: 1_794_873_600)  // the day before the test clock's day
            let late = try await Factory(t).publishedProject(of: org, deadline: deadline)
            try await t.signIn("ada@uni.test")
            #expect(try await t.get("/projects/\(try late.requireID())").body.string.contains("The deadline for applications has passed."))
            #expect(try await t.post("/projects/\(try late.requireID())/apply", ["answers.0": "Late"]).status == .conflict)
            try await ProjectBriefs.setState(late, to: .draft, at: t.clock.now, on: t.db)
            #expect(try await t.post("/projects/\(try late.requireID())/apply", ["answers.0": "Draft"]).status == .notFound)
            let open = try await Factory(t).publishedProject(of: org)
            try await t.signOut()
            try await t.signIn("owner@acme.test")
            #expect(try await t.post("/projects/\(try open.requireID())/apply", ["answers.0": "Me"]).status == .forbidden)
        }
    }

    @Test("the fairness report counts shortlists by group and leaves out groups under 11")
    func fairness() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            var women: [UUID] = []
            for index in 0..<13 {
                let user = try await Factory(t).candidate("f\(index)@uni.test", name: "F \(index)")
                try await CandidateProfiles.setDemographics(userID: user.requireID(), [.gender: index < 11 ? "woman" : "man"], at: t.clock.now, on: t.db)
                let application = try #require(try await Applications.submit(to: project, userID: user.requireID(), ApplicationInput(answers: ["A"]),
                                                                            at: t.clock.now, on: t.db))
                if index < 11 { women.append(try application.requireID()) }
            }
            let now = t.clock.now
            let chosen = Array(women.prefix(4))
            _ = try await DecisionLock.run(projectID: project.requireID(), on: t.db) { tx in
                try await Applications.decide(try ApplicationDecision(ids: chosen, target: .shortlisted, message: ""), of: project, at: now, on: tx).count
            }
            try await t.signIn("owner@acme.test")
            let page = try await t.get("/orgs/acme/fairness").body.string
            #expect(page.contains(#"<th scope="row">Woman</th><td data-label="Applicants">11</td><td data-label="Shortlist rate">4 (36%)</td>"#))
            #expect(page.contains("Not shown: 2 people in 1 smaller group; 0 gave no answer."))
        }
    }

    @Test("the apply form gives every work sample back in its own row, with its own error")
    func workSamplesKeepTheirRows() async throws {
        try await withTestApp { t in
            let (_, project) = try await setUp(t)
            let projectID = try project.requireID()
            try await t.signIn("ada@uni.test")
            try await t.get("/projects/\(projectID)")
            let sent = try await t.post("/projects/\(projectID)/apply", ["answers.0": "Cohorts first.", "portfolio.0": "",
                                                                          "portfolio.1": "http://example.org/two", "portfolio.2": "https://example.org/three"])
            #expect(sent.status == .unprocessableEntity)
            let page = sent.body.string
            /// The `<input>` of a work sample row.
            func input(_ index: Int) -> Substring {
                guard let start = page.range(of: "<input id=\"field-portfolio.\(index)\"") else { return "" }
                return page[start.lowerBound...].prefix { $0 != ">" }
            }
            #expect(!input(0).isEmpty && !input(0).contains("example.org") && !input(0).contains("aria-invalid"))
            #expect(input(1).contains(#"value="http://example.org/two""#) && input(1).contains("aria-invalid"))
            #expect(input(2).contains(#"value="https://example.org/three""#) && !input(2).contains("aria-invalid"))
            #expect(page.contains(#"id="field-portfolio.1-error">Work sample 2 must be an https address"#))
            #expect(!page.contains("field-portfolio.0-error") && !page.contains("Work sample 1 must"))
            #expect(try await ApplicationRecord.query(on: t.db).count() == 0)

            // Fixed in its row, the blank row before it is simply left out.
            try await t.get("/projects/\(projectID)")
            let fixed = try await t.post("/projects/\(projectID)/apply", ["answers.0": "Cohorts first.", "portfolio.0": " ",
                                                                           "portfolio.1": "https://example.org/two", "portfolio.2": ""])
            #expect(fixed.status == .seeOther)
            #expect(try await ApplicationRecord.query(on: t.db).first()?.portfolio == ["https://example.org/two"])
        }
    }
}
