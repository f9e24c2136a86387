import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The employer's view of a project's applicants, blind where the project says so; the
/// screening switches, people to invite and the fairness reports.
public enum ScreeningService {
    /// The project, for a member who may see its applicants and, besides, do `action`; not found
    /// otherwise, so that nobody learns what other organizations hold.
    public static func project(_ id: ProjectID, for action: ((UUID) -> Action)? = nil, _ ctx: ActionContext) async throws -> ProjectRecord {
        guard let project = try await Projects.find(id: id.uuid, on: ctx.db), allowed(project.$organization.id, action, ctx) else {
            throw ActionError.notFound
        }
        return project
    }

    /// What the applicants list shows of the project, for the people `project(_:for:_:)` allows,
    /// with the version of its list: whatever the list's pages show was read at this version or a
    /// later one, and is the same until it moves.
    public static func listedProject(_ id: ProjectID, _ ctx: ActionContext) async throws -> Applications.ListedProject {
        guard let project = try await Applications.listedProject(id: id.uuid, on: ctx.db), allowed(project.organizationID, nil, ctx) else {
            throw ActionError.notFound
        }
        return project
    }

    private static func allowed(_ orgID: UUID, _ action: ((UUID) -> Action)?, _ ctx: ActionContext) -> Bool {
        Policy.allows(ctx.principal, .viewApplicants(orgID)) && action.map { Policy.allows(ctx.principal, $0(orgID)) } ?? true
    }

    /// Page `number` (from 1, held to the pages there are) of the project's applicants in `states`
    /// (all when empty) in `sort` order, as the list shows them. The database sorts and pages: a
    /// list of 500 reads the 50 it shows, and of their profiles only what their match needs.
    public static func page(_ number: Int?, of project: ProjectRecord, states: [ApplicationState] = [], sort: ApplicantSort = .match,
                            _ ctx: ActionContext) async throws -> RankedApplicants.Page {
        let brief = try await scored(project, states: states, sort: sort, ctx)
        let size = RankedApplicants.pageSize
        let page = try await Applications.listedPage(max(number ?? 1, 1), size: size, projectID: try project.requireID(), states: states,
                                                     sort: sort, on: ctx.db)
        let candidates = try await CandidateProfiles.matchCandidates(userIDs: page.applications.map(\.candidateID),
                                                                     skills: brief.skills.map(\.uri), on: ctx.db)
        let matchProject = MatchProject(brief)
        let rows = page.applications.map { application in
            let candidate = candidates[application.candidateID] ?? MatchCandidate(CandidateProfile())
            let visible = BlindScreening.identityVisible(project.screening, revealed: application.revealedAt != nil)
            let hours = candidate.timeZone.flatMap { WorkingHoursOverlap(candidate: $0.identifier, project: matchProject, on: ctx.now) }
            return ApplicantRow(id: ApplicationID(application.id), handle: application.handle, name: visible ? application.candidateName : nil,
                                state: application.state, appliedAt: application.appliedAt, score: Matching.score(candidate, for: matchProject),
                                workingHours: hours)
        }
        return RankedApplicants.Page(applicants: rows, total: page.total, number: page.number, pages: max(1, (page.total + size - 1) / size))
    }

    /// Up to `limit` of the project's applicants in `states` (all when empty) in `sort` order, from
    /// the one after `cursor` (from the first when nil), read in full; `more` when others follow.
    public static func window(after cursor: ApplicationID?, limit: Int, of project: ProjectRecord, states: [ApplicationState] = [],
                              sort: ApplicantSort = .match, _ ctx: ActionContext) async throws -> (applicants: [ApplicantView], more: Bool) {
        let brief = try await scored(project, states: states, sort: sort, ctx)
        let ids = try await Applications.ranked(projectID: try project.requireID(), states: states, sort: sort,
                                                from: cursor.map { .after($0.uuid) } ?? .offset(0), limit: limit + 1, on: ctx.db)
        return (try await views(of: ids.prefix(limit), project: project, brief: brief, ctx), ids.count > limit)
    }

    /// The project's brief, once the applicants in `states` have kept scores when the list is
    /// ranked by match: scores are kept on the applications (`MatchScores`), and only those whose
    /// score a change has forgotten have their profiles read and scored here.
    private static func scored(_ project: ProjectRecord, states: [ApplicationState], sort: ApplicantSort,
                               _ ctx: ActionContext) async throws -> Brief {
        let brief = try await ProjectBriefs.brief(of: project, skills: project.$skills.value, on: ctx.db)
        guard sort == .match else { return brief }
        let unscored = try await Applications.unscored(projectID: try project.requireID(), states: states, on: ctx.db)
        guard !unscored.isEmpty else { return brief }
        let profiles = try await CandidateProfiles.profiles(userIDs: unscored.map(\.candidateID), on: ctx.db)
        let matchProject = MatchProject(brief)
        try await MatchScores.keep(unscored.map { row in
            MatchScores.Computed(applicationID: row.id, stamp: row.scoreStamp,
                                 score: Matching.score(MatchCandidate(profiles[row.candidateID] ?? CandidateProfile()), for: matchProject).total)
        }, on: ctx.db)
        return brief
    }

    /// The applications `ids` of the project read in full, in their order.
    private static func views(of ids: some Collection<UUID>, project: ProjectRecord, brief: Brief,
                              _ ctx: ActionContext) async throws -> [ApplicantView] {
        let applications = try await Applications.screened(Array(ids), projectID: try project.requireID(), on: ctx.db)
        let byID = Dictionary(applications.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try await views(of: ids.compactMap { byID[$0] }, on: project, brief: brief, ctx)
    }

    /// One applicant of the project; not found when the application is on another.
    public static func applicant(_ id: ApplicationID, of project: ProjectRecord, _ ctx: ActionContext) async throws -> ApplicantView {
        guard let application = try await Applications.screened([id.uuid], projectID: try project.requireID(), on: ctx.db).first,
              let view = try await views(of: [application], on: project, ctx).first else {
            throw ActionError.notFound
        }
        return view
    }

    /// `applications` of the project (read with their candidates), in full.
    public static func views(of applications: [ApplicationRecord], on project: ProjectRecord, _ ctx: ActionContext) async throws -> [ApplicantView] {
        try await views(of: try applications.map(Applications.Screened.init), on: project, ctx)
    }

    private static func views(of applications: [Applications.Screened], on project: ProjectRecord, _ ctx: ActionContext) async throws -> [ApplicantView] {
        try await views(of: applications, on: project, brief: try await ProjectBriefs.brief(of: project, skills: project.$skills.value, on: ctx.db), ctx)
    }

    private static func views(of applications: [Applications.Screened], on project: ProjectRecord, brief: Brief,
                              _ ctx: ActionContext) async throws -> [ApplicantView] {
        let profiles = try await CandidateProfiles.profiles(userIDs: applications.map(\.candidateID), on: ctx.db)
        return try await views(of: applications, on: project, brief: brief, profiles: profiles, ctx)
    }

    private static func views(of applications: [Applications.Screened], on project: ProjectRecord, brief: Brief, profiles: [UUID: CandidateProfile],
                      _ ctx: ActionContext) async throws -> [ApplicantView] {
        let labels = try await Taxonomy.labels(of: applications.flatMap { profiles[$0.candidateID]?.skills.map(\.uri) ?? [] } + brief.skills.map(\.uri),
                                               on: ctx.db)
        let matchProject = MatchProject(brief)
        let notes = try await accommodations(applications, profiles, ctx)
        let questions = brief.screeningQuestions
        return applications.map { application in
            let profile = profiles[application.candidateID] ?? CandidateProfile()
            let score = Matching.score(MatchCandidate(profile), for: matchProject)
            let visible = BlindScreening.identityVisible(project.screening, revealed: application.revealedAt != nil)
            return ApplicantView(
                id: ApplicationID(application.id), handle: application.handle, state: application.state,
                appliedAt: application.appliedAt, stateChangedAt: application.stateChangedAt, offerExpiresAt: application.offerExpiresAt,
                message: application.message, score: score, skills: profile.skills.map { (labels[$0.uri] ?? $0.uri, $0.level) },
                missing: score.missingRequired.map { labels[$0] ?? $0 },
                workingHours: WorkingHoursOverlap(candidate: profile.timeZone, project: matchProject, on: ctx.now),
                hoursPerWeek: profile.hoursPerWeek,
                answers: application.answers.enumerated().map { (questions.indices.contains($0) ? questions[$0] : "Question \($0 + 1)", $1) },
                coverNote: application.coverNote,
                identity: visible ? identity(profile, application) : nil,
                accommodations: notes[application.id])
        }
    }

    /// The accommodations notes of accepted candidates whose engagement the person runs (as a
    /// manager or an assigned mentor), by application.
    private static func accommodations(_ applications: [Applications.Screened], _ profiles: [UUID: CandidateProfile],
                                       _ ctx: ActionContext) async throws -> [UUID: String] {
        var notes: [UUID: String] = [:]
        for application in applications where application.state == .accepted {
            let id = application.id
            guard let note = profiles[application.candidateID]?.accommodations, !note.isEmpty,
                  let engagement = try await Engagements.forApplication(id, on: ctx.db) else { continue }
            let team = try await Engagements.team(of: try engagement.requireID(), on: ctx.db)
            let role = EngagementAccess.role(of: ctx.principal, organizationID: engagement.$organization.id,
                                             candidateID: engagement.$candidate.id, team: Set(team.map(\.$user.id)))
            if let role, EngagementAccess.may(role, .readAccommodations) { notes[id] = note }
        }
        return notes
    }

    private static func identity(_ profile: CandidateProfile, _ application: Applications.Screened) -> ApplicantView.Identity {
        ApplicantView.Identity(name: application.candidateName, email: application.candidateEmail, headline: profile.headline,
                               location: profile.location,
                               education: profile.education,
                               links: [profile.portfolioURL, profile.githubURL, profile.linkedInURL].filter { !$0.isEmpty },
                               portfolio: application.portfolio, timeZone: profile.timeZone)
    }

    /// Discoverable candidates who are not yet applicants, best match first, named by a handle;
    /// with `verifiedOnly`, only those whose completed, unrevoked work proves one of the project's skills.
    public static func peopleToInvite(_ project: ProjectRecord, verifiedOnly: Bool = false, limit: Int = 20,
                                      _ ctx: ActionContext) async throws -> [PersonToInvite] {
        let brief = try await ProjectBriefs.brief(of: project, skills: project.$skills.value, on: ctx.db)
        let applied = Set(try await Applications.forProject(try project.requireID(), on: ctx.db).map(\.$candidate.id))
        var pool = CandidatePool()
        for (record, profile) in try await CandidateProfiles.discoverable(withAnySkill: brief.skills.map(\.uri), on: ctx.db)
        where !applied.contains(record.$user.id) && (!verifiedOnly || brief.skills.contains { profile.provenSkills[$0.uri] != nil }) {
            pool.add(id: try record.requireID(), MatchCandidate(profile))
        }
        return pool.top(limit, for: MatchProject(brief))
            .map { PersonToInvite(profileID: CandidateProfileID($0.id), handle: "Candidate " + BlindScreening.code(for: $0.id), score: $0.score) }
    }

    /// The fairness tables for the project's applications, for those who may read them.
    public static func fairness(of project: ProjectRecord, _ ctx: ActionContext) async throws -> [FairnessReport.Table] {
        guard Policy.allows(ctx.principal, .readFairnessReport(project.$organization.id)) else { throw ActionError.notFound }
        return try await fairness(try await Applications.forProject(try project.requireID(), on: ctx.db), ctx)
    }

    /// The fairness tables for every application to the organization's projects.
    public static func fairness(of organizationID: OrganizationID, _ ctx: ActionContext) async throws -> [FairnessReport.Table] {
        guard Policy.allows(ctx.principal, .readFairnessReport(organizationID.uuid)) else { throw ActionError.notFound }
        return try await fairness(try await Applications.forOrganization(organizationID.uuid, on: ctx.db), ctx)
    }

    /// Selection at shortlist and offer by the applicants' voluntary answers.
    private static func fairness(_ applications: [ApplicationRecord], _ ctx: ActionContext) async throws -> [FairnessReport.Table] {
        let answers = try await CandidateProfiles.demographics(userIDs: applications.map(\.$candidate.id), on: ctx.db)
        return FairnessReport.compute(applications.map {
            FairnessReport.Applicant(groups: answers[$0.$candidate.id] ?? [:], reachedShortlist: $0.shortlistedAt != nil || $0.offeredAt != nil,
                                     reachedOffer: $0.offeredAt != nil)
        })
    }
}
