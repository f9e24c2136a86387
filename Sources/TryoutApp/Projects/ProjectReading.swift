import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// What a project's page shows the person reading it, besides the project itself.
public struct ProjectReading: Sendable {
    public var brief: Brief
    /// The publishing checks, for people who may author the project.
    public var lint: LintReport?
    /// How the reader's candidate profile matches the brief, with the labels of the required skills it lacks.
    public var match: ProjectMatch?
    /// Whether the reader may see the project's applicants.
    public var showsApplicants: Bool
    /// Where the reader stands on applying; nil for the project's authors, who do not apply.
    public var applying: ApplyingStanding?
    /// Past candidates' exit surveys, once enough answered: this project's, else its organization's.
    public var rating: (scope: RatingScope, summary: SurveySummary)?
}

/// Whose past candidates a rating sums up.
public enum RatingScope: Sendable {
    case project, organization
}

public struct ProjectMatch: Sendable {
    public var score: MatchScore
    public var missing: [String]
}

/// Whether the reader can apply to the project, or why not.
public enum ApplyingStanding: Sendable {
    case signedOut
    case notCandidate
    /// The reader's application that is still live.
    case applied(ApplicationRecord)
    /// The project takes no applications now; the reason is worded for the reader.
    case closed(String)
    /// A candidate whose address (given) is not confirmed yet.
    case unconfirmed(String)
    case open
}

extension MarketplaceService {
    /// What `project` (as `viewableProject` found it, with its skills) shows the acting person.
    public static func reading(_ project: ProjectRecord, _ ctx: ActionContext) async throws -> ProjectReading {
        let brief = try await ProjectBriefs.brief(of: project, skills: project.$skills.value, on: ctx.db)
        let isAuthor = Policy.allows(ctx.principal, .authorProjects(project.$organization.id))
        var user: UserRecord?
        var profile: CandidateProfileRecord?
        var match: ProjectMatch?
        if ctx.principal != nil {
            let reader = try await ctx.actingUser()
            user = reader
            profile = try await CandidateProfiles.profile(userID: try reader.requireID(), on: ctx.db)
        }
        if let profile { match = try await Self.match(project, brief, profile, ctx) }
        return ProjectReading(brief: brief, lint: isAuthor ? try await lint(project, brief, ctx) : nil,
                              match: match, showsApplicants: Policy.allows(ctx.principal, .viewApplicants(project.$organization.id)),
                              applying: isAuthor ? nil : try await standing(project, user: user, isCandidate: profile != nil, ctx),
                              rating: try await rating(of: project, on: ctx.db))
    }

    /// The publishing checks for the project's authors: the compliance lint, and for a draft,
    /// whether the balance can hold its pay in escrow.
    public static func lint(_ project: ProjectRecord, _ brief: Brief, _ ctx: ActionContext) async throws -> LintReport {
        var report = ComplianceLint.check(brief, hourlyFloor: project.organization.payFloor)
        if project.state == .draft, let missing = try await EscrowFlows.shortfall(project, brief: brief, ctx) { report.errors.append(missing) }
        return report
    }

    /// One query: the organization's surveys by project.
    private static func rating(of project: ProjectRecord, on db: any Database) async throws -> (scope: RatingScope, summary: SurveySummary)? {
        let byProject = try await Evaluations.surveyRatingsByProject(organizationID: project.$organization.id, on: db)
        if let own = SurveySummary(byProject[try project.requireID()] ?? []) { return (.project, own) }
        return SurveySummary(Array(byProject.values.joined())).map { (.organization, $0) }
    }

    private static func standing(_ project: ProjectRecord, user: UserRecord?, isCandidate: Bool,
                                 _ ctx: ActionContext) async throws -> ApplyingStanding {
        guard let user else { return .signedOut }
        guard isCandidate else { return .notCandidate }
        if let live = try await Applications.live(projectID: try project.requireID(), userID: try user.requireID(), on: ctx.db) {
            return .applied(live)
        }
        if let refusal = ApplicationLifecycle.applyRefusal(projectState: project.state, deadline: project.applicationDeadline, now: ctx.now) {
            return .closed(refusal)
        }
        return user.emailVerifiedAt == nil ? .unconfirmed(user.email) : .open
    }

    private static func match(_ project: ProjectRecord, _ brief: Brief, _ record: CandidateProfileRecord,
                              _ ctx: ActionContext) async throws -> ProjectMatch {
        let profile = try await CandidateProfiles.profile(record, on: ctx.db)
        let score = Matching.score(MatchCandidate(profile), for: MatchProject(brief))
        let labels = Dictionary(project.skills.map { ($0.$skill.id, $0.skill.label) }, uniquingKeysWith: { first, _ in first })
        return ProjectMatch(score: score, missing: score.missingRequired.map { labels[$0] ?? $0 })
    }
}
