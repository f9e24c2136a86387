import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

struct InvitationTestLinks: InvitationLinks {
    func memberInvitation(token: String) -> String { "https://tryout.test/invitations/\(token)" }
    func studentInvitation(token: String) -> String { "https://tryout.test/students/join/\(token)" }
}

extension TestApp {
    /// The token of the latest invitation link mailed to `email`.
    func invitationToken(mailedTo email: String) async throws -> String {
        let mail = try #require(try await Outbox.messages(to: email, on: db).first)
        return try #require(mail.body.split(separator: "/").last.map(String.init))
    }
}

@Suite("Organizations service")
struct OrganizationsServiceTests {
    @Test("an owner invites; only the invited address accepts, once; the member joins in the role offered")
    func inviteAndAccept() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .reviewer])
            let owner = try await t.context(as: "owner@acme.test")
            let acme = try await OrganizationsService.organization(slug: "acme", for: Action.manageMembers, owner)
            let invitation = try await OrganizationsService.invite(email: "ada@x.io", role: "reviewer", to: acme,
                                                                   links: InvitationTestLinks(), owner)
            #expect(try await Outbox.messages(to: "ada@x.io", on: t.db).first?.subject == "Join Acme on Tryout")
            #expect(try await InvitationFlow<MemberInvitation>.pending(in: acme, owner).map(\.email) == ["ada@x.io"])
            let token = try await t.invitationToken(mailedTo: "ada@x.io")

            try await Factory(t).user("bob@x.io")
            await #expect(throws: InvitationRefusal.sentToAnotherAddress("ada@x.io")) {
                try await InvitationFlow<MemberInvitation>.accept(token: token, try await t.context(as: "bob@x.io"))
            }
            try await Factory(t).user("ada@x.io")
            let accepted = try await InvitationFlow<MemberInvitation>.accept(token: token, try await t.context(as: "ada@x.io"))
            #expect(accepted.id == invitation.id)
            let members = try await Organizations.members(of: org.requireID(), on: t.db).map { "\($0.user.email) \($0.role.rawValue)" }
            #expect(members.contains("ada@x.io reviewer"))
            await #expect(throws: InvitationRefusal.self) { try await InvitationFlow<MemberInvitation>.open(token: token, t.context()) }
            let actions = try await AuditLog.recent(organizationID: org.requireID(), on: t.db).map(\.action)
            #expect(actions.contains(.memberInvited) && actions.contains(.memberJoined))
        }
    }

    @Test("refusals: not a manager, another organization's member, the last owner, owners only by owners, roles not offered")
    func refusals() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .admin, .reviewer])
            try await Factory(t).organization("Rival")
            let reviewer = try await t.context(as: "reviewer@acme.test")
            await #expect(throws: ActionError.notFound) {
                try await OrganizationsService.organization(slug: "acme", for: Action.manageMembers, reviewer)
            }
            let owner = try await t.context(as: "owner@acme.test")
            let rivalOwner = try await Factory(t).member("owner@rival.test", of: try #require(try await Organizations.find(slug: "rival", on: t.db)))
            await #expect(throws: ActionError.notFound) {
                try await OrganizationsService.changeRole(of: MemberID(try rivalOwner.requireID()), to: "admin", in: org, owner)
            }
            await #expect(throws: ActionError.notFound) {
                try await OrganizationsService.remove(MemberID(try rivalOwner.requireID()), from: org, owner)
            }
            let ownerMember = try await Factory(t).member("owner@acme.test", of: org)
            await #expect(throws: MembershipError.lastOwner) {
                try await OrganizationsService.changeRole(of: MemberID(try ownerMember.requireID()), to: "admin", in: org, owner)
            }
            await #expect(throws: MembershipError.lastOwner) {
                try await OrganizationsService.remove(MemberID(try ownerMember.requireID()), from: org, owner)
            }
            let admin = try await t.context(as: "admin@acme.test")
            await #expect(throws: MembershipError.onlyOwnersManageOwners) {
                try await OrganizationsService.invite(email: "ada@x.io", role: "owner", to: org, links: InvitationTestLinks(), admin)
            }
            await #expect(throws: ValidationFailure.self) {
                try await OrganizationsService.invite(email: "ada@x.io", role: "staff", to: org, links: InvitationTestLinks(), admin)
            }
            await #expect(throws: ValidationFailure([FieldError("email", "Enter an e-mail address like name@example.com.")])) {
                try await OrganizationsService.invite(email: "nope", role: "reviewer", to: org, links: InvitationTestLinks(), admin)
            }
            #expect(try await Outbox.messages(to: "ada@x.io", on: t.db).isEmpty)
        }
    }

    @Test("changing a role, removing a member, leaving and revoking an invitation, each with its audit entry")
    func changes() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
            let owner = try await t.context(as: "owner@acme.test")
            let reviewer = try await Factory(t).member("reviewer@acme.test", of: org)
            let changed = try await OrganizationsService.changeRole(of: MemberID(try reviewer.requireID()), to: "hiring_manager", in: org, owner)
            #expect(changed.role == .hiringManager)

            let admin = try await Factory(t).member("admin@acme.test", of: org)
            try await OrganizationsService.remove(MemberID(try admin.requireID()), from: org, owner)
            let leaving = try await Factory(t).member("hiring_manager@acme.test", of: org)
            try await OrganizationsService.remove(MemberID(try leaving.requireID()), from: org, try await t.context(as: "hiring_manager@acme.test"))
            #expect(try await Organizations.members(of: org.requireID(), on: t.db).count == 2)

            let invitation = try await OrganizationsService.invite(email: "ada@x.io", role: "reviewer", to: org, links: InvitationTestLinks(), owner)
            let id = InvitationID(try invitation.requireID())
            #expect(try await InvitationFlow<MemberInvitation>.revoke(id, in: org, owner).revokedAt != nil)
            await #expect(throws: ActionError.notFound) { try await InvitationFlow<MemberInvitation>.revoke(id, in: org, owner) }

            let actions = try await AuditLog.recent(organizationID: org.requireID(), on: t.db).map(\.action)
            #expect(actions.filter { $0 == .memberRemoved }.count == 2)
            #expect(actions.contains(.roleChanged) && actions.contains(.invitationRevoked))
        }
    }

    @Test("platform admins alone list organizations and change their status")
    func platformAdmin() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme")
            try await Factory(t).user("root@tryout.test", admin: true)
            let owner = try await t.context(as: "owner@acme.test")
            await #expect(throws: ActionError.notFound) { try await PlatformAdminService.organizations(owner) }
            await #expect(throws: ActionError.notFound) {
                try await PlatformAdminService.setStatus(of: OrganizationID(try org.requireID()), to: "verified", owner)
            }
            let root = try await t.context(as: "root@tryout.test")
            #expect(try await PlatformAdminService.organizations(root).map(\.name) == ["Acme"])
            let verified = try await PlatformAdminService.setStatus(of: OrganizationID(try org.requireID()), to: "verified", root)
            #expect(verified.status == .verified)
            await #expect(throws: ValidationFailure.self) {
                try await PlatformAdminService.setStatus(of: OrganizationID(try org.requireID()), to: "banned", root)
            }
        }
    }
}
