import Fluent
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// Each role's home, where sign-in lands: every item links to where it is done, and every count
/// is what the page it links to lists.
@Suite("Homes")
struct HomeTests {
    /// How many times `text` occurs in `page`.
    private func occurrences(of text: String, in page: String) -> Int {
        page.components(separatedBy: text).count - 1
    }

    /// The address of the first link whose text starts with `text`, unescaped.
    private func link(startingWith text: String, in page: String) throws -> String {
        let pattern = #"<a href="([^"]+)"[^>]*>"# + NSRegularExpression.escapedPattern(for: text)
        let match = try #require(page.range(of: pattern, options: .regularExpression), "no link starting with \(text)")
        let tag = String(page[match])
        let href = tag.dropFirst(#"<a href=""#.count).prefix { $0 != "\"" }
        return href.replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A candidate's application to `project`, moved to `state`.
    @discardableResult
    private func application(_ t: TestApp, _ email: String, to project: ProjectRecord, state: ApplicationState) async throws -> ApplicationRecord {
        let user = try await Factory(t).candidate(email, name: email)
        let application = try #require(try await Applications.submit(to: project, userID: try user.requireID(),
                                                                      ApplicationInput(answers: ["Yes."]), at: t.clock.now, on: t.db))
        application.state = state
        if state == .offered { application.offerExpiresAt = t.clock.now.addingTimeInterval(3 * 86_400) }
        try await application.save(on: t.db)
        return application
    }

    private func titled(_ project: ProjectRecord, _ title: String, _ t: TestApp) async throws {
        project.title = title
        try await project.save(on: t.db)
    }

    @Test("an employer's home lists applicants waiting, offers open and agreements to sign; each count is what its link lists; nothing of another organization")
    func employer() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            try await titled(engagement.project, "Churn cohorts", t)
            let org = engagement.organization
            let project = try await Factory(t).publishedProject(of: org, slots: 3)
            try await titled(project, "Pricing survey", t)
            for (index, state) in [ApplicationState.submitted, .submitted, .shortlisted, .offered, .rejected].enumerated() {
                try await application(t, "c\(index)@uni.test", to: project, state: state)
            }
            let globex = try await Factory(t).organization("Globex")
            let theirs = try await Factory(t).publishedProject(of: globex)
            try await titled(theirs, "Globex secret plan", t)
            try await application(t, "g@uni.test", to: theirs, state: .submitted)

            try await t.signIn("hiring_manager@acme.test")
            let home = try await t.get("/")
            #expect(home.status == .ok)
            let page = home.body.string
            #expect(page.contains("What needs you now") && !page.contains("Globex"))

            let waiting = try link(startingWith: "2 applicants waiting: Pricing survey", in: page)
            #expect(waiting.hasSuffix("/applicants?state=submitted"))
            #expect(try await t.get(waiting).body.string.contains("<caption>2 applicants</caption>"))
            let offers = try link(startingWith: "1 offer open: Pricing survey", in: page)
            #expect(try await t.get(offers).body.string.contains("<caption>1 applicant</caption>"))

            let unsigned = try await Agreements.current(of: try engagement.requireID(), on: t.db).filter { $0.employerSignedAt == nil }
            #expect(!unsigned.isEmpty && occurrences(of: "Sign “", in: page) == unsigned.count)
            for agreement in unsigned {
                #expect(page.contains("Sign “\(agreement.kind.label)”: Churn cohorts"))
                let opened = try await t.get("/engagements/\(try engagement.requireID())/agreements/\(try agreement.requireID())")
                #expect(opened.status == .ok)
            }
            // The project table: Pricing survey has 2 waiting, 1 shortlisted, 1 offer; Churn cohorts one person working.
            #expect(page.contains(#"<th scope="row"><a href="/projects/\#(try project.requireID().uuidString.lowercased())">Pricing survey</a></th>"#))
            #expect(page.contains(#"<td data-label="Working">1</td>"#))
            #expect(page.contains("Write a brief"))
        }
    }

    @Test("a manager's home lists each version waiting for a decision, linked to its deliverable, until it is decided")
    func decisions() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await startWork(t, engagement)
            let (milestone, version) = try await handInFirstVersion(t, id)
            let deliverable = try #require(try await MilestoneRecord.find(milestone, on: t.db)).title

            try await visit(t, as: "hiring_manager@acme.test", "/")
            let page = try await t.get("/").body.string
            let item = "Decide on version 1 of “\(deliverable)”: \(engagement.project.title)"
            let link = try link(startingWith: item, in: page)
            #expect(link == "/engagements/\(id.uuidString.lowercased())/milestones/\(milestone.uuidString.lowercased())")
            #expect(try await t.get(link).body.string.contains("Version 1"))
            try await visit(t, as: "reviewer@acme.test", "/")
            #expect(!(try await t.get("/").body.string.contains("Decide on version")), "reviewers score; managers decide")

            try await visit(t, as: "hiring_manager@acme.test", link)
            #expect(try await t.post("/engagements/\(id)/submissions/\(try version.requireID())/feedback", decided("accept", "Clear.")).status
                == .seeOther)
            #expect(!(try await t.get("/").body.string.contains("Decide on version")))
        }
    }

    @Test("a reviewer's home points to the review queue, not to applicants or briefs")
    func reviewer() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            try await application(t, "c@uni.test", to: try await Factory(t).publishedProject(of: engagement.organization), state: .submitted)
            try await t.signIn("reviewer@acme.test")
            let page = try await t.get("/").body.string
            #expect(page.contains("Your review queue") && !page.contains("Write a brief") && !page.contains("applicant"))
            #expect(page.contains("Nothing waits for you right now."))
        }
    }

    @Test("a candidate's home gives each engagement's next step, the deadlines, the offers to answer and the applications; the count is the applications page's")
    func candidate() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let other = try await Factory(t).publishedProject(of: engagement.organization)
            try await titled(other, "Pricing survey", t)
            let ada = try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db))
            let offered = try #require(try await Applications.submit(to: other, userID: try ada.requireID(), ApplicationInput(answers: ["Yes."]),
                                                                      at: t.clock.now, on: t.db))
            offered.state = .offered
            offered.offerExpiresAt = t.clock.now.addingTimeInterval(86_400)
            try await offered.save(on: t.db)
            // Times read in the candidate's own zone, named so they are never mistaken for UTC.
            ada.timeZone = "Asia/Tokyo"
            try await ada.save(on: t.db)
            let id = try engagement.requireID()
            let soon = t.clock.now.addingTimeInterval(3 * 3600)
            let booked = try CheckInInput(startsAt: ISO8601DateFormatter().string(from: soon), minutes: 30, agenda: "Kick-off", now: t.clock.now)
            try await EngagementActivity.book(booked, engagementID: id, by: try ada.requireID(), at: t.clock.now, on: t.db)

            try await t.signIn("ada@uni.test")
            let page = try await t.get("/").body.string
            let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
            #expect(page.contains("Check-in \(DateText.short(booked.startsAt, in: tokyo)) for 30 minutes: \(engagement.project.title)"))
            #expect(page.contains("Answer the offer: Pricing survey, by \(DateText.short(try #require(offered.offerExpiresAt), in: tokyo))"))
            #expect(page.contains("Asia/Tokyo"))
            // What the engagement's page says next: the candidate signs first.
            let next = EngagementSnapshot.nextStep(of: engagement.state, agreements: try await Agreements.current(of: id, on: t.db),
                                                   checklist: try await Engagements.checklist(of: id, on: t.db),
                                                   milestones: try await Engagements.milestones(of: id, on: t.db))
            #expect(next.owner == .candidate)
            let step = try link(startingWith: "\(engagement.project.title): \(next.text)", in: page)
            #expect(step == "/engagements/\(try engagement.requireID().uuidString.lowercased())")

            let offer = try link(startingWith: "Answer the offer: Pricing survey", in: page)
            #expect(offer == "/applications/\(try offered.requireID().uuidString.lowercased())")
            #expect(try await t.get(offer).body.string.contains("Offered: answer by"))

            let milestones = try await Engagements.milestones(of: try engagement.requireID(), on: t.db)
            #expect(milestones.count == 3 && milestones.allSatisfy { page.contains("\($0.title): \(engagement.project.title)") })

            #expect(page.contains("All 2 applications"))
            let list = try await t.get("/applications").body.string
            #expect(occurrences(of: #"<a href="/applications/"#, in: list) == 2)
            #expect(page.contains("Recommended for you"))
        }
    }

    @Test("partner staff see their students' outcomes added up as the students page lists them, and the projects shared with them; nobody else does")
    func partner() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let lakeside = try await Factory(t).organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            let bo = try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            for student in [engagement.candidate, bo] {
                try await PartnerStudentRecord(organizationID: try lakeside.requireID(), userID: try student.requireID(), createdAt: t.clock.now).create(on: t.db)
            }
            let shared = try await Factory(t).publishedProject(of: engagement.organization)
            try await titled(shared, "For Lakeside only", t)
            try await ProjectPartnerRecord(projectID: try shared.requireID(), organizationID: try lakeside.requireID()).create(on: t.db)

            try await t.signIn("staff@lakeside.test")
            let page = try await t.get("/").body.string
            for (term, value) in [("Students", 2), ("Applications sent", 1), ("Working on a project now", 1), ("Projects completed", 0),
                                  ("Credentials earned", 0)] {
                #expect(page.contains("<dt>\(term)</dt><dd>\(value)</dd>"), "\(term)")
            }
            #expect(page.contains("For Lakeside only"))
            let students = try await t.get(try link(startingWith: "Each student", in: page)).body.string
            #expect(occurrences(of: #"<td data-label="Applications">1</td>"#, in: students) == 1)
            #expect(occurrences(of: #"<td data-label="Working now">1</td>"#, in: students) == 1)
            #expect(occurrences(of: #"<td data-label="Applications">0</td>"#, in: students) == 1)

            // A student of the school and the owner of the employer sharing with it see nothing of the school's students.
            for other in ["ada@uni.test", "owner@acme.test"] {
                try await t.signIn(other)
                let theirs = try await t.get("/").body.string
                #expect(!theirs.contains("Lakeside: students") && !theirs.contains("Applications sent"), "\(other)")
            }
        }
    }

    @Test("a platform administrator's home counts the organizations to verify, the open disputes and the failing jobs as their pages list them")
    func platform() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            try await Factory(t).organization("Globex")
            let verified = try await Factory(t).organization("Initech")
            verified.status = .verified
            try await verified.save(on: t.db)
            try await JobQueue.enqueue(kind: PingJob.kind, payload: "not json", runAt: t.clock.now, maxAttempts: 1, at: t.clock.now, on: t.db)
            try await t.runJobs()
            try await Factory(t).user("root@tryout.test", admin: true)

            try await t.signIn("root@tryout.test")
            let page = try await t.get("/").body.string
            let verify = try link(startingWith: "2 organizations to verify", in: page)
            #expect(occurrences(of: #"<td data-label="Status">Unverified</td>"#, in: try await t.get(verify).body.string) == 2)
            let dead = try link(startingWith: "1 job gave up", in: page)
            #expect(occurrences(of: "/retry", in: try await t.get(dead).body.string) == 1)
            #expect(page.contains("Disputes (0 open)") && !page.contains("to decide"))
        }
    }

    @Test("visitors get the marketing page; a signed-in person with no role yet is told where to start")
    func anonymous() async throws {
        try await withTestApp { t in
            try await Factory(t).user("new@uni.test", name: "New Person")
            #expect(try await t.get("/").body.string.contains("Hire on proof of work"))
            try await t.signIn("new@uni.test")
            let page = try await t.get("/").body.string
            #expect(page.contains("Welcome, New Person") && page.contains("You are not part of an organization"))
        }
    }
}
