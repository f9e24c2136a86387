import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The people and things the page snapshots show: Acme (an employer with every role) with a
/// published project, three candidates (Ada applied, Bo did not, Cy has not confirmed the
/// address), Lakeside (a partner school) and a platform administrator. The clock moves a
/// minute between steps, so every list has one order on every database.
struct SnapshotWorld {
    let camera: PageCamera
    let org: OrganizationRecord
    let project: UUID
    let application: UUID

    var projectPath: String { "/projects/\(project)" }
    var applicantPath: String { "/projects/\(project)/applicants/\(application)" }

    static let owner = "owner@acme.test", admin = "admin@acme.test"
    static let manager = "hiring_manager@acme.test", reviewer = "reviewer@acme.test"
    static let ada = "ada@uni.test", bo = "bo@uni.test", cy = "cy@uni.test"
    static let staff = "staff@lakeside.test", platformAdmin = "admin@tryout.test"

    static func make(_ t: TestApp) async throws -> SnapshotWorld {
        let factory = Factory(t)
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let org = try await factory.organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
        t.clock.advance(by: 60)
        try await factory.organization("Lakeside", kind: .partner, roles: [.owner, .staff])
        try await factory.user(platformAdmin, name: "Pat Admin", admin: true)
        t.clock.advance(by: 60)
        let project = try await factory.publishedProject(of: org).requireID()
        t.clock.advance(by: 60)
        try await factory.candidate(ada, name: "Ada Okafor")
        try await factory.candidate(bo, name: "Bo Lind")
        let cy = try await factory.candidate(cy, name: "Cy Moreau")
        cy.emailVerifiedAt = nil
        try await cy.save(on: t.db)
        t.clock.advance(by: 60)

        try await staggerMembers(t)
        let camera = PageCamera(t)
        let sent = try await camera.post("/projects/\(project)/apply", ["answers.0": "The churn cohorts first.", "coverNote": "Keen."],
                                         as: ada, from: "/projects/\(project)")
        #expect(sent.status == .seeOther)
        let user = try #require(try await Accounts.user(email: EmailAddress(ada)!, on: t.db))
        let application = try #require(try await Applications.live(projectID: project, userID: user.requireID(), on: t.db)).requireID()
        t.clock.advance(by: 60)
        return SnapshotWorld(camera: camera, org: org, project: project, application: application)
    }

    /// The factory adds an organization's members in one instant, and member lists sort by the
    /// time each joined: a second apart, in the order of their roles, they have one order.
    static func staggerMembers(_ t: TestApp) async throws {
        let members = try await MemberRecord.query(on: t.db).all().sorted { ($0.createdAt, $0.role) < ($1.createdAt, $1.role) }
        for (offset, member) in members.enumerated() {
            member.createdAt += TimeInterval(offset)
            try await member.save(on: t.db)
        }
    }

    /// The hiring manager moves Ada's application (`shortlisted`, `offered`…) from the applicants list.
    func decide(_ action: String, message: String = "") async throws {
        let moved = try await camera.post("\(projectPath)/applicants/decide",
                                          ["action": action, "message": message, "ids[]": application.uuidString.lowercased()],
                                          as: Self.manager, from: "\(projectPath)/applicants")
        #expect(moved.status == .seeOther)
        camera.t.clock.advance(by: 60)
    }
}
