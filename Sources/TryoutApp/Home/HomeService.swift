import Foundation
import TryoutCore
import TryoutStore

/// Where sign-in lands: what waits for the person in each role they hold, each part read in a
/// bounded number of statements. The counts are those of the pages each item links to.
public struct Home: Sendable {
    /// An employer organization the person runs projects for, or reviews for.
    public struct EmployerDesk: Sendable {
        public var organization: HeaderSummary.Organization
        public var role: MemberRole
        /// Current projects with their counts; empty for reviewers, who see only their queue.
        public var projects: [HomeFacts.ProjectCounts]
        /// Agreements waiting for the employer's signature.
        public var agreements: [HomeFacts.Unsigned]
        /// Versions handed in that wait for a decision.
        public var decisions: [HomeFacts.WaitingVersion]

        public var runsProjects: Bool { role != .reviewer }
    }

    /// A running engagement of the candidate and what happens next in it.
    public struct Step: Sendable {
        public var engagementID: EngagementID
        public var projectTitle: String
        public var state: EngagementState
        public var next: NextStep
    }

    /// A deliverable still to hand in.
    public struct Deadline: Sendable {
        public var engagementID: EngagementID
        public var projectTitle: String
        public var deliverable: String
        public var due: Date
        public var late: Bool
    }

    public struct CandidateDesk: Sendable {
        public var steps: [Step]
        public var deadlines: [Deadline]
        /// Applications still waiting for an answer or a decision, newest first.
        public var applications: [Applications.Summary]
        /// How many applications the candidate has sent in all (the applications page lists them).
        public var applicationCount: Int
        public var recommended: Recommended?
    }

    /// A partner organization the person is staff of.
    public struct PartnerDesk: Sendable {
        public var organization: HeaderSummary.Organization
        public var students: Int
        /// The students' outcomes added up, as the students page lists them one by one.
        public var outcomes: HomeFacts.StudentOutcomes
        public var shared: [HomeFacts.SharedProject]
    }

    public var employers: [EmployerDesk]
    public var candidate: CandidateDesk?
    public var partners: [PartnerDesk]
    public var platform: HomeFacts.PlatformQueue?
    /// What the site's header shows: read here once, and passed to the page's layout.
    public var header: HeaderSummary
    /// Check-ins in the next day of engagements the person takes part in.
    public var checkIns: [HomeFacts.CheckIn]
    /// The zone the person reads times in: UTC unless the home shows a time (it takes a query).
    public var zone: TimeZone

    /// Nothing to show yet: a new person with no role.
    public var isEmpty: Bool { employers.isEmpty && candidate == nil && partners.isEmpty && platform == nil }
}

public enum HomeService {
    /// How far ahead check-ins are listed.
    public static let checkInWindow: TimeInterval = 24 * 3600
    /// How many recommended projects the candidate's home shows (the recommendations page has more).
    public static let recommendedCount = 3

    /// `header` is the person's, when it was read with their session in this request.
    public static func home(_ ctx: ActionContext, header: HeaderSummary? = nil) async throws -> Home {
        guard let principal = ctx.principal else { throw ActionError.forbidden("Sign in first.") }
        let summary = if let header { header } else { try await HeaderSummary.load(for: UserID(principal.userID), on: ctx.db) }
        let employers = summary.organizations.filter { $0.kind == .employer }
        let managed = employers.map(\.id.uuid).filter { Policy.allows(principal, .authorProjects($0)) }
        let projects = try await HomeFacts.projects(of: managed, on: ctx.db)
        let unsigned = try await HomeFacts.unsignedByEmployer(in: managed, on: ctx.db)
        let waiting = try await HomeFacts.waitingVersions(in: managed, on: ctx.db)
        let desks = employers.compactMap { org -> Home.EmployerDesk? in
            guard let role = principal.role(in: org.id.uuid) else { return nil }
            return Home.EmployerDesk(organization: org, role: role,
                                     projects: projects.filter { $0.organizationID == org.id.uuid },
                                     agreements: unsigned.filter { $0.organizationID == org.id.uuid },
                                     decisions: waiting.filter { $0.organizationID == org.id.uuid })
        }
        let candidate = summary.isCandidate ? try await candidateDesk(principal.userID, ctx) : nil
        let checkIns = try await HomeFacts.checkIns(userID: principal.userID, managing: managed,
                                                    in: ctx.now..<ctx.now.addingTimeInterval(checkInWindow), on: ctx.db)
        let showsTimes = !checkIns.isEmpty || candidate?.applications.contains { $0.offerExpiresAt != nil } == true
        return Home(
            employers: desks,
            candidate: candidate,
            partners: try await partnerDesks(summary.organizations.filter { $0.kind == .partner && Policy.allows(principal, .manageStudents($0.id.uuid)) }, ctx),
            platform: Policy.allows(principal, .moderatePlatform) ? try await HomeFacts.platformQueue(on: ctx.db) : nil,
            header: summary,
            checkIns: checkIns,
            zone: showsTimes ? try await ApplicationsService.readerZone(ctx) : TimeZone(identifier: "UTC")!)
    }

    private static func candidateDesk(_ userID: UUID, _ ctx: ActionContext) async throws -> Home.CandidateDesk {
        let work = try await HomeFacts.runningWork(candidateID: userID, on: ctx.db)
        var steps: [Home.Step] = []
        var deadlines: [Home.Deadline] = []
        for engagement in work.engagements {
            guard let id = engagement.id else { continue }
            let milestones = work.milestones.filter { $0.$engagement.id == id }
            steps.append(Home.Step(
                engagementID: EngagementID(id), projectTitle: engagement.project.title, state: engagement.state,
                next: EngagementSnapshot.nextStep(of: engagement.state, agreements: work.agreements.filter { $0.$engagement.id == id },
                                                  checklist: work.checklist.filter { $0.$engagement.id == id }, milestones: milestones)))
            deadlines += milestones.filter { $0.state == .open || $0.state == .changesRequested }.map {
                Home.Deadline(engagementID: EngagementID(id), projectTitle: engagement.project.title, deliverable: $0.title, due: $0.dueAt,
                              late: DueDates.isLate(submittedAt: ctx.now, due: $0.dueAt))
            }
        }
        let applications = try await Applications.summaries(userID: userID, on: ctx.db)
        let owner = try await ProfilesService.owner(ctx)
        return Home.CandidateDesk(
            steps: steps, deadlines: deadlines.sorted { $0.due < $1.due },
            applications: applications.filter(\.state.isLive),
            applicationCount: applications.count,
            recommended: try await ProfilesService.recommendations(for: owner, limit: recommendedCount, ctx))
    }

    private static func partnerDesks(_ partners: [HeaderSummary.Organization], _ ctx: ActionContext) async throws -> [Home.PartnerDesk] {
        var desks: [Home.PartnerDesk] = []
        for partner in partners {
            let outcomes = try await HomeFacts.studentOutcomes(of: partner.id.uuid, on: ctx.db)
            desks.append(Home.PartnerDesk(organization: partner, students: outcomes.count, outcomes: outcomes.values.reduce(.init(), +),
                                          shared: try await HomeFacts.sharedProjects(with: partner.id.uuid, limit: 10, on: ctx.db)))
        }
        return desks
    }
}
