import Fluent
import Foundation
import TryoutCore
import TryoutStore

extension Factory {
    /// A candidate with a profile claiming SQL at level 3 (the bundled skills must be loaded).
    @discardableResult
    public func candidate(_ email: String, name: String) async throws -> UserRecord {
        let user = try await user(email, name: name)
        let profile = try await CandidateProfiles.create(userID: try user.requireID(), name: name, at: app.clock.now, on: app.db)
        var details = CandidateProfile()
        details.headline = "Headline of \(name)"
        details.location = "Home town of \(name)"
        details.hoursPerWeek = 10
        details.timeZone = "Europe/London"
        details.discoverable = true
        details.accommodations = "Captions on calls for \(name)"
        if let sql = try await Taxonomy.skill(label: "SQL", on: app.db)?.id { details.skills = [.init(uri: sql, level: 3)] }
        try await CandidateProfiles.update(profile, to: details, at: app.clock.now, on: app.db)
        return user
    }

    /// A published project of the organization from the data-analysis template, asking for SQL.
    public func publishedProject(of org: OrganizationRecord, slots: Int = 1, questions: [String] = ["Why this project?"],
                                 deadline: Date? = nil) async throws -> ProjectRecord {
        var brief = BriefTemplates.template(id: "data-analysis")!.brief
        brief.slots = slots
        brief.screeningQuestions = questions
        brief.applicationDeadline = deadline
        if let sql = try await Taxonomy.skill(label: "SQL", on: app.db)?.id { brief.skills = [SkillRequirement(uri: sql, level: 3, required: true)] }
        let project = try await ProjectBriefs.create(organizationID: try org.requireID(), brief: brief, audience: ProjectAudience(),
                                                     at: app.clock.now, on: app.db)
        try await ProjectBriefs.setState(project, to: .published, at: app.clock.now, on: app.db)
        return try await Projects.find(id: try project.requireID(), on: app.db)!
    }
}
