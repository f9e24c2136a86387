import Foundation
import Testing
@testable import TryoutCore

@Suite("Authorization policy")
struct PolicyTests {
    let org = UUID()
    let other = UUID()

    func principal(_ role: MemberRole?, admin: Bool = false) -> Principal {
        Principal(userID: UUID(), isPlatformAdmin: admin, memberships: role.map { [org: $0] } ?? [:])
    }

    @Test("who may do what in an organization", arguments: MemberRole.allCases)
    func matrix(role: MemberRole) {
        let p = principal(role)
        #expect(Policy.allows(p, .viewOrganization(org)))
        #expect(Policy.allows(p, .manageMembers(org)) == (role == .owner || role == .admin))
        #expect(Policy.allows(p, .readAuditLog(org)) == (role == .owner))
        #expect(Policy.allows(p, .authorProjects(org)) == [.owner, .admin, .hiringManager].contains(role))
        #expect(Policy.allows(p, .manageSettings(org)) == (role == .owner || role == .admin))
        #expect(Policy.allows(p, .manageStudents(org)) == [.owner, .admin, .staff].contains(role))
        #expect(Policy.allows(p, .viewApplicants(org)) == [.owner, .admin, .hiringManager, .reviewer].contains(role))
        #expect(Policy.allows(p, .readFairnessReport(org)) == (role == .owner || role == .admin))
        #expect(Policy.allows(p, .readCalibration(org)) == (role == .owner || role == .admin))
        #expect(!Policy.allows(p, .moderatePlatform))
        // Nothing carries over to another organization.
        for action in [Action.viewOrganization(other), .manageMembers(other), .readAuditLog(other), .authorProjects(other),
                       .manageSettings(other), .manageStudents(other), .viewApplicants(other), .readFairnessReport(other), .readCalibration(other)] {
            #expect(!Policy.allows(p, action))
        }
    }

    @Test("signed-out people and outsiders may do nothing private")
    func outsiders() {
        for action in [Action.viewOrganization(org), .manageMembers(org), .readAuditLog(org), .manageSettings(org),
                       .manageStudents(org), .moderatePlatform] {
            #expect(!Policy.allows(nil, action))
            #expect(!Policy.allows(principal(nil), action))
        }
    }

    @Test("platform admins moderate and read logs but do not run organizations")
    func platformAdmin() {
        let admin = principal(nil, admin: true)
        #expect(Policy.allows(admin, .moderatePlatform))
        #expect(Policy.allows(admin, .readAuditLog(org)))
        #expect(!Policy.allows(admin, .manageMembers(org)))
        #expect(!Policy.allows(admin, .authorProjects(org)))
        #expect(!Policy.allows(admin, .manageStudents(org)))
    }

    @Test("a student sees what is shared with the school, and gains no role in it")
    func students() {
        let student = Principal(userID: UUID(), schools: [org])
        #expect(student.audiences == [org])
        #expect(!Policy.allows(student, .viewOrganization(org)))
        #expect(!Policy.allows(student, .manageStudents(org)))
        let shared = { (viewer: Principal?) in
            ProjectAccess.canView(state: .published, visibility: .partners, organizationID: self.other, partnerIDs: [self.org],
                                  invitedEmails: [], viewer: viewer)
        }
        #expect(shared(student))
        #expect(!shared(Principal(userID: UUID(), schools: [UUID()])))
        #expect(!shared(nil))
    }

    @Test("a project whose visibility needs no audience is viewed the same whoever its partners and invitations are",
          arguments: ProjectVisibility.allCases)
    func audienceUnread(visibility: ProjectVisibility) {
        let email = "ada@example.test"
        let viewers: [Principal?] = [nil, principal(.reviewer), Principal(userID: UUID(), schools: [org]),
                                     Principal(userID: UUID(), verifiedEmail: email)]
        let differs = ProjectState.allCases.contains { state in
            viewers.contains { viewer in
                ProjectAccess.canView(state: state, visibility: visibility, organizationID: other, partnerIDs: [org], invitedEmails: [email],
                                      viewer: viewer)
                    != ProjectAccess.canView(state: state, visibility: visibility, organizationID: other, partnerIDs: [], invitedEmails: [],
                                             viewer: viewer)
            }
        }
        // Where the audience is not read, it must make no difference; where it is, it must make one.
        #expect(differs == ProjectAccess.needsAudience(visibility))
    }
}

@Suite("Membership rules")
struct MembershipRulesTests {
    @Test("the last owner cannot be demoted or removed, or leave")
    func lastOwner() {
        let rules = MembershipRules(kind: .employer, ownerCount: 1)
        #expect(throws: MembershipError.lastOwner) { try rules.checkRoleChange(by: .owner, from: .owner, to: .admin) }
        #expect(throws: MembershipError.lastOwner) { try rules.checkRemoval(by: .owner, of: .owner, isSelf: true) }
        let two = MembershipRules(kind: .employer, ownerCount: 2)
        #expect(throws: Never.self) { try two.checkRoleChange(by: .owner, from: .owner, to: .admin) }
        #expect(throws: Never.self) { try two.checkRemoval(by: .owner, of: .owner, isSelf: true) }
    }

    @Test("admins manage everyone but owners")
    func admins() {
        let rules = MembershipRules(kind: .employer, ownerCount: 2)
        #expect(throws: Never.self) { try rules.checkRoleChange(by: .admin, from: .reviewer, to: .hiringManager) }
        #expect(throws: MembershipError.onlyOwnersManageOwners) { try rules.checkRoleChange(by: .admin, from: .reviewer, to: .owner) }
        #expect(throws: MembershipError.onlyOwnersManageOwners) { try rules.checkRoleChange(by: .admin, from: .owner, to: .reviewer) }
        #expect(throws: MembershipError.onlyOwnersManageOwners) { try rules.checkRemoval(by: .admin, of: .owner, isSelf: false) }
        #expect(throws: MembershipError.onlyOwnersManageOwners) { try rules.checkInvitation(by: .admin, role: .owner) }
    }

    @Test("other roles cannot manage members but can leave")
    func others() {
        let rules = MembershipRules(kind: .employer, ownerCount: 1)
        for role in [MemberRole.hiringManager, .reviewer] {
            #expect(throws: MembershipError.notAllowed) { try rules.checkRoleChange(by: role, from: .reviewer, to: .hiringManager) }
            #expect(throws: MembershipError.notAllowed) { try rules.checkRemoval(by: role, of: .reviewer, isSelf: false) }
            #expect(throws: MembershipError.notAllowed) { try rules.checkInvitation(by: role, role: .reviewer) }
            #expect(throws: Never.self) { try rules.checkRemoval(by: role, of: role, isSelf: true) }
        }
    }

    @Test("roles follow the organization's kind")
    func rolesByKind() {
        let partner = MembershipRules(kind: .partner, ownerCount: 1)
        #expect(throws: MembershipError.roleNotOffered(.reviewer, .partner)) { try partner.checkInvitation(by: .owner, role: .reviewer) }
        #expect(throws: Never.self) { try partner.checkInvitation(by: .owner, role: .staff) }
        let employer = MembershipRules(kind: .employer, ownerCount: 1)
        #expect(throws: MembershipError.roleNotOffered(.staff, .employer)) { try employer.checkInvitation(by: .owner, role: .staff) }
    }
}

@Suite("Slugs and money")
struct SlugAndMoneyTests {
    @Test("slugs keep letters and digits, one dash between words", arguments: [
        ("Northwind Analytics", "northwind-analytics"), ("  Élan & Co. ", "lan-co"), ("***", "org"),
        (String(repeating: "ab ", count: 40), String(String(repeating: "ab-", count: 16).prefix(48))),
    ])
    func slugs(name: String, slug: String) {
        #expect(Slug.make(from: name) == slug)
        #expect(Slug.isValid(Slug.make(from: name)))
    }

    @Test("money is formatted from minor units without rounding")
    func money() {
        #expect(Money(amountMinor: 123_456_789, currency: "usd").formatted == "USD 1,234,567.89")
        #expect(Money(amountMinor: 5, currency: "EUR").formatted == "EUR 0.05")
        #expect(Money(amountMinor: 5000, currency: "JPY").formatted == "JPY 5,000")
        #expect(Money(amountMinor: -250, currency: "GBP").formatted == "GBP -2.50")
    }

    @Test("hourly equivalent divides by estimated hours")
    func hourly() {
        #expect(Money(amountMinor: 60_000, currency: "USD").perHour(20) == Money(amountMinor: 3_000, currency: "USD"))
        #expect(Money(amountMinor: 60_000, currency: "USD").perHour(0) == nil)
    }
}
