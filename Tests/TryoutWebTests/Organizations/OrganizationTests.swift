import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("Organizations, invitations and roles")
struct OrganizationTests {
    private func invitationPath(_ t: TestApp, to email: String) async throws -> String {
        let mail = try #require(try await Outbox.messages(to: email, on: t.db).first)
        let range = try #require(mail.body.range(of: "/invitations/"))
        return String(mail.body[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    @Test("an owner invites by e-mail; the invitee signs up with that address and joins in the role")
    func invitationFlow() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme")
            try await t.signIn("owner@acme.test")
            try await t.get("/orgs/acme/members")
            let res = try await t.post("/orgs/acme/invitations", ["email": "new@x.io", "role": "reviewer"])
            #expect(res.status == .seeOther)
            let path = try await invitationPath(t, to: "new@x.io")
            try await t.signOut()

            try await t.get("/signup")
            try await t.post("/signup", ["kind": "candidate", "name": "Newton", "email": "new@x.io", "password": "violet kettle mountain"])
            try await t.signIn("new@x.io", password: "violet kettle mountain")
            let page = try await t.get(path)
            #expect(page.body.string.contains("Accept and join"))
            // Anyone can sign up with an invited address: joining waits until it is proved.
            let unproved = try await t.post(path + "/accept")
            #expect(unproved.status == .forbidden)
            #expect(unproved.body.string.contains("Confirm your e-mail address first"))
            try await t.get(try await mailedLink("/email/verify/", to: "new@x.io", t))
            let accepted = try await t.post(path + "/accept")
            #expect(accepted.headers.first(name: .location) == "/orgs/acme/members")
            #expect(try await Factory(t).member("new@x.io", of: org).role == .reviewer)
            // Used once.
            #expect(try await t.get(path).status == .notFound)
        }
    }

    @Test("the organization's audit log holds what happened in the organization, not a new member's own account history")
    func auditContext() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            try await Factory(t).user("new@x.io", name: "Newton")
            try await t.signIn("new@x.io", password: "not the password")
            try await t.signIn("new@x.io")
            try await t.get("/settings")
            try await t.post("/settings/tokens", ["tokenName": "home-laptop"])
            try await t.signOut()
            try await t.signIn("owner@acme.test")
            try await t.get("/orgs/acme/members")
            try await t.post("/orgs/acme/invitations", ["email": "new@x.io", "role": "reviewer"])
            let path = try await invitationPath(t, to: "new@x.io")
            try await t.signOut()
            try await t.signIn("new@x.io")
            try await t.get(path)
            #expect(try await t.post(path + "/accept").status == .seeOther)
            try await t.signOut()
            try await t.signIn("owner@acme.test")
            let page = try await t.get("/orgs/acme/audit").body.string
            #expect(page.contains(#"<td data-label="What">Invited member</td>"#) && page.contains(#"<td data-label="What">Joined</td>"#))
            for personal in ["Signed up", "Signed in", "Failed sign-in", "Created API token"].map({ #"<td data-label="What">\#($0)</td>"# }) + ["home-laptop"] {
                #expect(!page.contains(personal), "\(personal) in the organization's log")
            }
            let api = try await t.api(.GET, "/api/v1/organizations/acme/audit-events", token: try await t.token(for: "owner@acme.test")).body.string
            #expect(api.contains("member.joined") && !api.contains("session.") && !api.contains("token.created") && !api.contains("home-laptop"))
        }
    }

    @Test("invitations expire after 7 days and only work for the invited address")
    func invitationLimits() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            try await Factory(t).user("other@x.io")
            try await t.signIn("owner@acme.test")
            try await t.get("/orgs/acme/members")
            try await t.post("/orgs/acme/invitations", ["email": "new@x.io", "role": "admin"])
            let path = try await invitationPath(t, to: "new@x.io")
            try await t.signOut()
            try await t.signIn("other@x.io")
            try await t.get(path)
            #expect(try await t.post(path + "/accept").status == .forbidden)
            t.clock.advance(by: 7 * 24 * 3600 + 1)
            #expect(try await t.get(path).status == .notFound)
        }
    }

    @Test("inviting an address again replaces its pending invitation")
    func reinvite() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            try await t.signIn("owner@acme.test")
            try await t.get("/orgs/acme/members")
            try await t.post("/orgs/acme/invitations", ["email": "new@x.io", "role": "reviewer"])
            let first = try await invitationPath(t, to: "new@x.io")
            t.clock.advance(by: 60)
            try await t.post("/orgs/acme/invitations", ["email": "new@x.io", "role": "admin"])
            let second = try await invitationPath(t, to: "new@x.io")
            #expect(first != second)
            #expect(try await t.get(first).status == .notFound)
            #expect(try await t.get(second).status == .ok)
            let page = try await t.get("/orgs/acme/members").body.string
            #expect(page.components(separatedBy: "invitation for new@x.io").count == 2)
        }
    }

    @Test("invalid invitations are shown again with field errors")
    func invalidInvitation() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Acme")
            try await t.signIn("owner@acme.test")
            try await t.get("/orgs/acme/members")
            let res = try await t.post("/orgs/acme/invitations", ["email": "nope", "role": "wizard"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("Choose a role."))
            #expect(try await InvitationRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("roles change by owners and admins; the last owner cannot step down or leave")
    func roles() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .admin, .reviewer])
            let reviewer = try await Factory(t).member("reviewer@acme.test", of: org)
            let owner = try await Factory(t).member("owner@acme.test", of: org)
            try await t.signIn("admin@acme.test")
            try await t.get("/orgs/acme/members")
            try await t.post("/orgs/acme/members/\(reviewer.id!)/role", ["role": "hiring_manager"])
            #expect(try await Factory(t).member("reviewer@acme.test", of: org).role == .hiringManager)
            // Admins cannot touch owners.
            try await t.post("/orgs/acme/members/\(owner.id!)/role", ["role": "reviewer"])
            #expect(try await Factory(t).member("owner@acme.test", of: org).role == .owner)

            let token = try await t.token(for: "owner@acme.test")
            let demote = try await t.api(.PATCH, "/api/v1/organizations/acme/members/\(owner.id!)", token: token, json: #"{"role":"admin"}"#)
            #expect(demote.status == .conflict)
            let leave = try await t.api(.DELETE, "/api/v1/organizations/acme/members/\(owner.id!)", token: token)
            #expect(leave.status == .conflict)
            let events = try await AuditLog.recent(organizationID: org.requireID(), on: t.db)
            #expect(events.contains { $0.action == .roleChanged && $0.detail.contains("Reviewer → Hiring manager") })
        }
    }

    @Test("a member can leave; a reviewer cannot remove others")
    func leaving() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .reviewer, .hiringManager])
            let manager = try await Factory(t).member("hiring_manager@acme.test", of: org)
            let reviewer = try await Factory(t).member("reviewer@acme.test", of: org)
            try await t.signIn("reviewer@acme.test")
            try await t.get("/orgs/acme/members")
            try await t.post("/orgs/acme/members/\(manager.id!)/remove")
            #expect(try await Organizations.members(of: org.requireID(), on: t.db).count == 3)
            let res = try await t.post("/orgs/acme/members/\(reviewer.id!)/remove")
            #expect(res.headers.first(name: .location) == "/")
            #expect(try await Organizations.members(of: org.requireID(), on: t.db).count == 2)
        }
    }

    @Test("platform admins verify and suspend organizations")
    func moderation() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme")
            try await Factory(t).user("root@tryout.test", admin: true)
            try await t.signIn("root@tryout.test")
            let list = try await t.get("/admin/organizations")
            #expect(list.body.string.contains("Acme"))
            try await t.post("/admin/organizations/\(org.id!)/status", ["status": "suspended"])
            #expect(try await Organizations.find(slug: "acme", on: t.db)?.status == .suspended)
            let bad = try await t.post("/admin/organizations/\(org.id!)/status", ["status": "deleted"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await t.get("/admin/audit").body.string.contains("Suspended organization"))
        }
    }
}

@Suite("API tokens")
struct TokenTests {
    @Test("a token is shown once on the settings page, works as a bearer and stops when revoked")
    func lifecycle() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.signIn("kim@x.io")
            try await t.get("/settings")
            let created = try await t.post("/settings/tokens", ["tokenName": "reports"])
            #expect(created.status == .created)
            let html = created.body.string
            let start = try #require(html.range(of: #"id="new-token">"#))
            let secret = String(html[start.upperBound...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("tt_"))
            #expect(!(try await t.get("/settings").body.string.contains(secret)))

            let me = try await t.api(.GET, "/api/v1/me", token: secret)
            #expect(me.status == .ok)
            #expect(me.body.string.contains("kim@x.io"))

            let record = try #require(try await APITokenRecord.query(on: t.db).first())
            let revoked = try await t.api(.DELETE, "/api/v1/tokens/\(record.id!)", token: secret)
            #expect(revoked.status == .noContent)
            let after = try await t.api(.GET, "/api/v1/me", token: secret)
            #expect(after.status == .unauthorized)
            #expect(after.headers.first(name: .wwwAuthenticate) == "Bearer")
            let actions = try await AuditLog.recent(on: t.db).map(\.action)
            #expect(actions.contains(.tokenCreated) && actions.contains(.tokenRevoked))
        }
    }

    @Test("the API ignores session cookies: only a token authenticates")
    func noCookieAuth() async throws {
        try await withTestApp { t in
            try await Factory(t).user("kim@x.io")
            try await t.signIn("kim@x.io")
            let res = try await t.send(.GET, "/api/v1/me")
            #expect(res.status == .unauthorized)
        }
    }

    @Test("one person cannot revoke another's token")
    func foreignToken() async throws {
        try await withTestApp { t in
            try await Factory(t).user("a@x.io")
            try await Factory(t).user("b@x.io")
            _ = try await t.token(for: "a@x.io")
            let bToken = try await t.token(for: "b@x.io")
            let aRecord = try #require(try await APITokenRecord.query(on: t.db).sort(\.$createdAt).first())
            let res = try await t.api(.DELETE, "/api/v1/tokens/\(aRecord.id!)", token: bToken)
            #expect(res.status == .notFound)
            #expect(try await APITokenRecord.find(aRecord.id, on: t.db)?.revokedAt == nil)
        }
    }
}
