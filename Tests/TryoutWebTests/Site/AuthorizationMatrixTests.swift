import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// Every object route × every role × a member of another organization × a platform admin.
/// Anyone not allowed gets 404, never the data.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Who: String, CaseIterable {
        case owner, admin, hiringManager, reviewer, outsider, platformAdmin

        var email: String {
            switch self {
            case .owner: "owner@acme.test"
            case .admin: "admin@acme.test"
            case .hiringManager: "hiring_manager@acme.test"
            case .reviewer: "reviewer@acme.test"
            case .outsider: "owner@rival.test"
            case .platformAdmin: "root@tryout.test"
            }
        }
    }

    struct Fixture {
        var acme: OrganizationRecord
        var reviewerMember: MemberRecord
    }

    private func fixture(_ t: TestApp) async throws -> Fixture {
        let factory = Factory(t)
        let acme = try await factory.organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
        try await factory.organization("Rival")
        try await factory.user("root@tryout.test", admin: true)
        return Fixture(acme: acme, reviewerMember: try await factory.member("reviewer@acme.test", of: acme))
    }

    private func newInvitation(_ t: TestApp, _ org: OrganizationRecord) async throws -> UUID {
        let owner = try #require(try await Accounts.user(email: EmailAddress("owner@acme.test")!, on: t.db))
        let email = "i\(UUID().uuidString.prefix(8).lowercased())@x.io"
        return try await Organizations.createInvitation(orgID: org.requireID(), email: EmailAddress(email)!, role: .reviewer,
                                                        invitedBy: owner.requireID(), at: t.clock.now, on: t.db).0.requireID()
    }

    @Test("API routes", arguments: Who.allCases)
    func api(who: Who) async throws {
        try await withTestApp { t in
            let f = try await fixture(t)
            let token = try await t.token(for: who.email)
            let isMember = [.owner, .admin, .hiringManager, .reviewer].contains(who)
            let manages = who == .owner || who == .admin
            let base = "/api/v1/organizations/acme"

            func expect(_ method: HTTPMethod, _ path: String, json: String? = nil, allowed: Bool, status: HTTPStatus = .ok) async throws {
                let res = try await t.api(method, path, token: token, json: json)
                let expected: HTTPStatus = allowed ? status : .notFound
                #expect(res.status == expected, "\(who) \(method) \(path)")
                if !allowed { #expect(!res.body.string.contains("acme.test"), "\(who) \(method) \(path) leaked data") }
            }

            try await expect(.GET, "\(base)/members", allowed: isMember || who == .platformAdmin)
            try await expect(.GET, "\(base)/invitations", allowed: manages)
            try await expect(.GET, "\(base)/audit-events", allowed: who == .owner || who == .platformAdmin)
            try await expect(.PATCH, "\(base)/members/\(f.reviewerMember.id!)", json: #"{"role":"reviewer"}"#, allowed: manages)
            try await expect(.POST, "\(base)/invitations", json: #"{"email":"x\#(who.rawValue)@x.io","role":"reviewer"}"#,
                             allowed: manages, status: .created)
            try await expect(.DELETE, "\(base)/invitations/\(try await newInvitation(t, f.acme))", allowed: manages, status: .noContent)
            // Removing the reviewer: managers may, and the reviewer may leave.
            try await expect(.DELETE, "\(base)/members/\(f.reviewerMember.id!)", allowed: manages || who == .reviewer, status: .noContent)
            try await expect(.GET, "/api/v1/admin/organizations", allowed: who == .platformAdmin)
            try await expect(.PUT, "/api/v1/admin/organizations/\(f.acme.id!)/status", json: #"{"status":"verified"}"#,
                             allowed: who == .platformAdmin)
        }
    }

    @Test("HTML routes", arguments: Who.allCases)
    func pages(who: Who) async throws {
        try await withTestApp { t in
            let f = try await fixture(t)
            try await t.signIn(who.email)
            let isMember = [.owner, .admin, .hiringManager, .reviewer].contains(who)
            let manages = who == .owner || who == .admin

            func expect(_ res: TestingHTTPResponse, allowed: Bool, _ label: String) {
                if allowed {
                    #expect([.ok, .seeOther].contains(res.status), "\(who) \(label): \(res.status)")
                } else {
                    #expect(res.status == .notFound, "\(who) \(label): \(res.status)")
                    // The page body after the header and any flash: the people's own name shows in the header.
                    let body = res.body.string
                    let content = body.range(of: "<section").map { String(body[$0.lowerBound...]) } ?? body
                    #expect(content.contains("Page not found"), "\(who) \(label)")
                    #expect(!content.contains("acme.test"), "\(who) \(label) leaked data")
                }
            }

            expect(try await t.get("/orgs/acme/members"), allowed: isMember || who == .platformAdmin, "members page")
            expect(try await t.get("/orgs/acme/audit"), allowed: who == .owner || who == .platformAdmin, "audit page")
            expect(try await t.get("/admin/organizations"), allowed: who == .platformAdmin, "admin page")
            expect(try await t.get("/orgs/acme/settings"), allowed: manages, "settings page")
            try await t.get("/settings")
            expect(try await t.post("/orgs/acme/invitations", ["email": "n\(who.rawValue)@x.io", "role": "reviewer"]), allowed: manages, "invite")
            expect(try await t.post("/orgs/acme/invitations/\(try await newInvitation(t, f.acme))/revoke"), allowed: manages, "revoke invitation")
            expect(try await t.post("/orgs/acme/members/\(f.reviewerMember.id!)/role", ["role": "reviewer"]), allowed: manages, "change role")
            expect(try await t.post("/admin/organizations/\(f.acme.id!)/status", ["status": "verified"]), allowed: who == .platformAdmin, "moderate")
            let status = try await Organizations.find(slug: "acme", on: t.db)?.status
            #expect(status == (who == .platformAdmin ? .verified : .unverified))
        }
    }

    @Test("signed-out visitors are sent to sign in, and see nothing private")
    func signedOut() async throws {
        try await withTestApp { t in
            _ = try await fixture(t)
            for path in ["/settings", "/admin/organizations"] {
                let res = try await t.get(path)
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/signin?next=") == true)
            }
            #expect(try await t.get("/orgs/acme/members").status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/members", token: nil).status == .unauthorized)
            #expect(try await t.api(.GET, "/api/v1/me", token: "tt_not-a-real-token").status == .unauthorized)
        }
    }
}
