import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// Engagements' kept overviews and threads (`EngagementOverviews`, `EngagementThreads`): served
/// only while nothing they show has changed, whoever changed it, and only to the engagement's
/// people, each with their own role and unread messages.
@Suite("Kept engagement pages")
struct KeptEngagementPagesTests {
    /// Acme's engagement with Ada, and Globex with a hiring manager of its own.
    private func setUp(_ t: TestApp) async throws -> (path: String, engagement: EngagementRecord) {
        let engagement = try await Factory(t).engagement()
        try await Factory(t).organization("Globex", roles: [.owner, .hiringManager])
        return ("/engagements/\(try engagement.requireID())", engagement)
    }

    /// The page as `email` sees it, viewed twice so that the second view may come from what is kept.
    private func page(_ t: TestApp, _ path: String, as email: String) async throws -> String {
        try await t.signOut()
        try await t.signIn(email)
        _ = try await t.get(path)
        return try await t.get(path).body.string
    }

    @Test("a change to what the overview or the thread shows, made without the web (as another server would), shows on the next view")
    func changesShow() async throws {
        try await withTestApp { t in
            let (path, engagement) = try await setUp(t)
            let id = try engagement.requireID()
            let first = try await page(t, path, as: "hiring_manager@acme.test")
            #expect(first.contains("Ada Okafor") && !first.contains("Signed ") && first.contains("Nobody is assigned yet"))
            #expect(t.app.engagementOverviews.count == 1)
            let view = { try await t.get(path).body.string }
            #expect(try await view().replacingOccurrences(of: #"value="[^"]{20,}""#, with: "", options: .regularExpression)
                    == first.replacingOccurrences(of: #"value="[^"]{20,}""#, with: "", options: .regularExpression), "nothing changed: the same page")

            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first)
            agreement.candidateSignedAt = t.clock.now
            try await agreement.save(on: t.db)
            #expect(try await view().contains("Signed "))

            let ada = try #require(try await UserRecord.find(engagement.$candidate.id, on: t.db))
            ada.displayName = "Ada Lovelace"
            try await ada.save(on: t.db)
            #expect(try await view().contains("Ada Lovelace"))

            let reviewer = try await Factory(t).member("reviewer@acme.test", of: try #require(try await OrganizationRecord.find(engagement.$organization.id, on: t.db)))
            _ = try await Engagements.addToTeam(reviewer.$user.id, engagementID: id, at: t.clock.now, on: t.db)
            let assigned = try await view()
            #expect(assigned.contains("<li>reviewer@acme.test ") && !assigned.contains("Nobody is assigned yet"))
            let newcomer = try await Factory(t).user("nia@acme.test", name: "Nia Adeyemi")
            try await Organizations.addMember(orgID: engagement.$organization.id, userID: try newcomer.requireID(), role: .hiringManager,
                                              at: t.clock.now, on: t.db)
            #expect(try await view().contains("Nia Adeyemi (Hiring manager)"), "a new member the manager may add")

            let messages = path + "/messages"
            #expect(try await page(t, messages, as: "hiring_manager@acme.test").contains("No messages yet."))
            #expect(t.app.engagementThreads.count == 1)
            _ = try await EngagementActivity.post("Here is my plan", engagementID: id, by: ada.requireID(), at: t.clock.now, on: t.db)
            let thread = try await t.get(messages).body.string
            #expect(thread.contains("Here is my plan") && thread.contains("Ada Lovelace"))
            ada.displayName = "Ada L."
            try await ada.save(on: t.db)
            #expect(try await t.get(messages).body.string.contains("Ada L."))
        }
    }

    @Test("who may see an engagement is decided before anything kept is looked up; each person sees their own role and unread messages")
    func keptForWhoMaySee() async throws {
        try await withTestApp { t in
            let (path, engagement) = try await setUp(t)
            let (teamForm, earnings) = ("Add a member", "Your earnings")
            let managerView = try await page(t, path, as: "hiring_manager@acme.test")
            #expect(managerView.contains(teamForm) && !managerView.contains(earnings))
            let candidateView = try await page(t, path, as: "ada@uni.test")
            #expect(!candidateView.contains(teamForm) && candidateView.contains(earnings) && candidateView.contains(">Messages</a>"))
            #expect(try await page(t, path, as: "hiring_manager@acme.test").contains(teamForm))
            #expect(t.app.engagementOverviews.count == 1, "one overview for everyone")

            for outsider in ["hiring_manager@globex.test", "reviewer@acme.test"] {
                _ = try await page(t, path, as: outsider)
                #expect(try await t.get(path).status == .notFound, "\(outsider)")
                #expect(try await t.get(path + "/messages").status == .notFound, "\(outsider)")
                #expect(try await t.get(path + "/board").status == .notFound, "\(outsider)")
            }
            _ = try await page(t, path, as: "hiring_manager@acme.test")
            for unknown in ["/engagements/\(UUID())", "/engagements/not-an-id", "/engagements/\(UUID())/messages"] {
                #expect(try await t.get(unknown).status == .notFound, "\(unknown)")
            }
            let reviewer = try await Factory(t).member("reviewer@acme.test", of: try #require(try await OrganizationRecord.find(engagement.$organization.id, on: t.db)))
            _ = try await Engagements.addToTeam(reviewer.$user.id, engagementID: try engagement.requireID(), at: t.clock.now, on: t.db)
            let mentorView = try await page(t, path, as: "reviewer@acme.test")
            #expect(mentorView.contains("Ada Okafor") && !mentorView.contains(teamForm) && !mentorView.contains(earnings), "on the team: a mentor")

            _ = try await EngagementActivity.post("Welcome aboard", engagementID: try engagement.requireID(), by: reviewer.$user.id,
                                                  at: t.clock.now, on: t.db)
            #expect(try await page(t, path, as: "ada@uni.test").contains("Messages (1 unread)"))
            t.clock.advance(by: 1)
            #expect(try await t.get(path + "/messages").body.string.contains("Welcome aboard"))
            let read = try await t.get(path).body.string
            #expect(read.contains(">Messages</a>") && !read.contains("unread"), "read: the kept overview with the person's own count")
            #expect(try await page(t, path, as: "reviewer@acme.test").contains(">Messages</a>"), "the author has nothing unread")
        }
    }

    @Test("the overview's sections are written once a role and filled in on each view: the form token, a new idempotency key, the time logged, and what time has made overdue")
    func sectionsFilledPerView() async throws {
        try await withTestApp { t in
            let (path, engagement) = try await setUp(t)
            let first = try await page(t, path, as: "hiring_manager@acme.test")
            let second = try await t.get(path).body.string
            #expect(t.app.overviewSections.count == 1)
            let idempotency = #/name="_idempotency" value="([0-9a-f-]{36})"/#
            let keys = [first, second].compactMap { $0.firstMatch(of: idempotency).map { String($0.1) } }
            #expect(keys.count == 2 && keys[0] != keys[1], "a new key on each view")
            let tokens = Set(second.components(separatedBy: #"name="_csrf" value=""#).dropFirst().map { $0.prefix { $0 != "\"" } })
            #expect(tokens.count == 1 && tokens.first?.count == 43, "the person's form token in every form")
            #expect(!second.contains("hole-") && second.contains("0 h of an estimated"))

            let today = String(DateText.iso(t.clock.now).prefix(10))
            try await EngagementActivity.log(try TimeEntryInput(day: today, hours: "1.5", note: "", now: t.clock.now), milestoneID: nil,
                                             engagementID: try engagement.requireID(), at: t.clock.now, on: t.db)
            #expect(try await t.get(path).body.string.contains("1.5 h of an estimated"), "logged time, which moves no version")
            #expect(!second.contains("overdue"))
            t.clock.advance(by: 400 * 86_400)
            #expect(try await page(t, path, as: "hiring_manager@acme.test").contains(" · overdue"), "nothing written, but time passed")

            let candidate = try await page(t, path, as: "ada@uni.test")
            #expect(candidate.contains("Your earnings") && !candidate.contains("Add a member"))
            #expect(t.app.overviewSections.count == 3, "one a role, and one for the manager once overdue")

            _ = try await page(t, path, as: "hiring_manager@acme.test")
            let refused = try await t.post(path + "/team", ["userID": UUID().uuidString])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Choose a member of Acme."), "written afresh with the error")
        }
    }

    @Test("stand-ins are filled in wherever they stand, in any order, and text around them is kept as it is")
    func holesFilled() {
        let written = HTMLWithHoles("<p>\(HTMLWithHoles.hole(2))</p><i>hole-1;</i>\(HTMLWithHoles.hole(0))\(HTMLWithHoles.hole(0));x")
        #expect(written.filled(["a", "b", "c"]) == "<p>c</p><i>hole-1;</i>aa;x", "a person's text that looks like one is text")
        #expect(HTMLWithHoles("no holes").filled([]) == "no holes")
    }
}
