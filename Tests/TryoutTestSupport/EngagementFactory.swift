import Fluent
import Foundation
import TryoutCore
import Testing
import TryoutStore

extension Factory {
    /// An organization with every employer role and a published data-analysis project (a
    /// contractor agreement and an IP assignment, three deliverables) whose one place the
    /// candidate has accepted: the engagement, in `contracting`. It starts on `start`, today when nil.
    public func engagement(org name: String = "Acme", candidate email: String = "ada@uni.test",
                           candidateName: String = "Ada Okafor", start: Date? = nil) async throws -> EngagementRecord {
        try await Taxonomy.loadBundledIfEmpty(on: app.db)
        let org = try await organization(name, roles: [.owner, .admin, .hiringManager, .reviewer])
        return try await engagement(in: org, candidate: email, candidateName: candidateName, start: start)
    }

    /// Another engagement of an organization made before: a new project of its, and a new candidate.
    public func engagement(in org: OrganizationRecord, candidate email: String, candidateName: String,
                           start: Date? = nil) async throws -> EngagementRecord {
        let project = try await publishedProject(of: org)
        project.startDate = start
        try await project.save(on: app.db)
        let user = try await candidate(email, name: candidateName)
        let application = try #require(try await Applications.submit(to: project, userID: try user.requireID(),
                                                                      ApplicationInput(answers: ["Cohorts first."]), at: app.clock.now, on: app.db))
        application.state = .accepted
        try await application.save(on: app.db)
        let engagement = try await Engagements.start(for: application, project: project, at: app.clock.now, on: app.db)
        return try #require(try await Engagements.find(try engagement.requireID(), on: app.db))
    }
}
