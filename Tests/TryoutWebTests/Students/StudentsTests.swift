import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Partner students")
struct StudentsTests {
    struct World {
        var lakeside: OrganizationRecord
        var project: ProjectRecord
    }

    /// A partner with staff, an employer that shares one published project with it, and two candidates.
    private func world(_ t: TestApp) async throws -> World {
        let factory = Factory(t)
        let lakeside = try await factory.organization("Lakeside", kind: .partner, roles: [.owner, .staff])
        let acme = try await factory.organization("Acme", roles: [.owner, .reviewer])
        try await factory.organization("Hillcrest", kind: .partner, roles: [.owner, .staff])
        try await factory.user("ada@uni.test")
        try await factory.user("bo@uni.test")
        var brief = BriefTemplates.all[0].brief
        brief.title = "Campus zephyr survey"
        brief.visibility = .partners
        let project = try await ProjectBriefs.create(organizationID: acme.requireID(), brief: brief,
                                                     audience: ProjectAudience(partnerIDs: [try lakeside.requireID()]), at: t.clock.now, on: t.db)
        try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
        return World(lakeside: lakeside, project: project)
    }

    /// What `email` sees of the shared project: in the list and its count, on its page, and through the API.
    private func sees(_ t: TestApp, _ email: String, _ w: World) async throws -> [Bool] {
        try await t.signIn(email)
        let list = try await t.get("/projects?q=zephyr").body.string
        let page = try await t.get("/projects/\(w.project.id!)").status
        let token = try await t.token(for: email)
        let api = try await t.api(.GET, "/api/v1/projects?q=zephyr", token: token).body.string
        let detail = try await t.api(.GET, "/api/v1/projects/\(w.project.id!)", token: token).status
        return [list.contains("Campus zephyr survey") && list.contains(">1 project<"), page == .ok,
                api.contains("Campus zephyr survey") && api.contains(#""total":1"#), detail == .ok]
    }

    private func link(_ t: TestApp, to email: String) async throws -> String {
        let mail = try #require(try await Outbox.messages(to: email, on: t.db).first)
        let start = try #require(mail.body.range(of: "/students/join/"))
        return String(mail.body[start.lowerBound...].prefix { !$0.isWhitespace })
    }

    @Test("staff invite students by e-mail; a student sees the shared projects everywhere, others nowhere")
    func joinAndSee() async throws {
        try await withTestApp { t in
            let w = try await world(t)
            #expect(try await sees(t, "ada@uni.test", w) == [false, false, false, false])

            try await t.signIn("staff@lakeside.test")
            try await t.get("/orgs/lakeside/students")
            let bad = try await t.post("/orgs/lakeside/students/invitations", ["emails": "ada@uni.test, not-an-address"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("These are not e-mail addresses: not-an-address"))
            #expect(try await t.post("/orgs/lakeside/students/invitations", ["emails": "ada@uni.test\nbo@uni.test"]).status == .seeOther)
            let adaLink = try await link(t, to: "ada@uni.test")

            // The link works only for the address it was sent to.
            try await t.signIn("bo@uni.test")
            try await t.get(adaLink)
            #expect(try await t.post(adaLink + "/accept").status == .forbidden)
            try await t.signIn("ada@uni.test")
            #expect(try await t.get(adaLink).body.string.contains("Accept and join"))
            #expect(try await t.post(adaLink + "/accept").status == .seeOther)
            #expect(try await t.get(adaLink).status == .notFound, "a used link is spent")

            #expect(try await sees(t, "ada@uni.test", w) == [true, true, true, true])
            #expect(try await sees(t, "bo@uni.test", w) == [false, false, false, false])
            #expect(try await AuditEventRecord.query(on: t.db).filter(\.$action == .studentJoined).count() == 1)

            // Removed by staff, the student no longer sees it.
            try await t.signIn("staff@lakeside.test")
            let student = try #require(try await PartnerStudentRecord.query(on: t.db).first())
            let page = try await t.get("/orgs/lakeside/students").body.string
            #expect(page.contains("ada@uni.test"))
            #expect(try await t.post("/orgs/lakeside/students/\(student.id!)/remove").status == .seeOther)
            #expect(try await sees(t, "ada@uni.test", w) == [false, false, false, false])
        }
    }

    @Test("revoked and expired links fail; a student can leave from settings")
    func revokeExpireLeave() async throws {
        try await withTestApp { t in
            let w = try await world(t)
            try await t.signIn("owner@lakeside.test")
            try await t.get("/orgs/lakeside/students")
            try await t.post("/orgs/lakeside/students/invitations", ["emails": "ada@uni.test; bo@uni.test"])
            let invitation = try #require(try await StudentInvitationRecord.query(on: t.db).filter(\.$email == "bo@uni.test").first())
            #expect(try await t.post("/orgs/lakeside/students/invitations/\(invitation.id!)/revoke").status == .seeOther)
            try await t.signIn("bo@uni.test")
            #expect(try await t.get(try await link(t, to: "bo@uni.test")).status == .notFound)

            let adaLink = try await link(t, to: "ada@uni.test")
            try await t.signIn("ada@uni.test")
            t.clock.advance(by: 8 * 86400)
            #expect(try await t.get(adaLink).status == .notFound)
            t.clock.advance(by: -8 * 86400)
            try await t.get(adaLink)
            try await t.post(adaLink + "/accept")
            let settings = try await t.get("/settings").body.string
            #expect(settings.contains("Lakeside"))
            let school = try #require(try await PartnerStudentRecord.query(on: t.db).first())
            #expect(try await t.post("/settings/schools/\(school.id!)/leave").status == .seeOther)
            #expect(try await PartnerStudentRecord.query(on: t.db).count() == 0)
            #expect(try await sees(t, "ada@uni.test", w) == [false, false, false, false])
        }
    }

    @Test("only the partner's own staff manage its students; employers have no students page")
    func authorization() async throws {
        try await withTestApp { t in
            let w = try await world(t)
            for email in ["staff@hillcrest.test", "owner@acme.test", "reviewer@acme.test", "ada@uni.test"] {
                try await t.signIn(email)
                try await t.get("/settings")
                #expect(try await t.get("/orgs/lakeside/students").status == .notFound, "\(email)")
                #expect(try await t.post("/orgs/lakeside/students/invitations", ["emails": "x@uni.test"]).status == .notFound, "\(email)")
            }
            try await t.signIn("owner@acme.test")
            #expect(try await t.get("/orgs/acme/students").status == .notFound)
            // Leaving someone else's school is not possible either.
            try await PartnerStudentRecord(organizationID: try w.lakeside.requireID(),
                                           userID: try #require(try await Accounts.user(email: EmailAddress("bo@uni.test")!, on: t.db)).requireID(),
                                           createdAt: t.clock.now).create(on: t.db)
            let bo = try #require(try await PartnerStudentRecord.query(on: t.db).first())
            try await t.signIn("ada@uni.test")
            try await t.get("/settings")
            #expect(try await t.post("/settings/schools/\(bo.id!)/leave").status == .notFound)
            #expect(try await Outbox.messages(to: "x@uni.test", on: t.db).isEmpty)
        }
    }
}
