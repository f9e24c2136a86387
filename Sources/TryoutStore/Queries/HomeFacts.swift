import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// What a person's home page counts: each a plain-row statement, bounded however much the
/// organizations hold, so the page where sign-in lands costs the same for a team of two as
/// for one with thousands of applicants.
public enum HomeFacts {
    /// A current project (draft, published or closed) with its applications by state and its
    /// engagements still running.
    public struct ProjectCounts: Decodable, Sendable, Equatable {
        public var id: UUID
        public var organizationID: UUID
        public var title: String
        public var state: ProjectState
        public var waiting: Int
        public var shortlisted: Int
        public var offered: Int
        public var working: Int

        enum CodingKeys: String, CodingKey {
            case id, title, state, waiting, shortlisted, offered, working
            case organizationID = "organization_id"
        }
    }

    /// How many current projects each organization shows at most; its project list has the rest.
    public static let projectLimit = 20

    public static func projects(of organizationIDs: [UUID], on db: any Database) async throws -> [ProjectCounts] {
        guard !organizationIDs.isEmpty else { return [] }
        return try await sql(db).raw("""
            SELECT p.id AS id, p.organization_id AS organization_id, p.title AS title, p.state AS state,
              (SELECT count(*) FROM applications a WHERE a.project_id = p.id AND a.state = 'submitted') AS waiting,
              (SELECT count(*) FROM applications a WHERE a.project_id = p.id AND a.state = 'shortlisted') AS shortlisted,
              (SELECT count(*) FROM applications a WHERE a.project_id = p.id AND a.state = 'offered') AS offered,
              (SELECT count(*) FROM engagements e WHERE e.project_id = p.id AND e.state NOT IN ('completed', 'terminated')) AS working
            FROM projects p
            WHERE p.organization_id IN (\(binds: organizationIDs)) AND p.state IN ('draft', 'published', 'closed')
            ORDER BY p.created_at DESC, p.id LIMIT \(literal: projectLimit * organizationIDs.count)
            """).all(decoding: ProjectCounts.self)
    }

    /// A current agreement of an engagement still being contracted that one side has not signed.
    public struct Unsigned: Decodable, Sendable, Equatable {
        public var organizationID: UUID
        public var engagementID: UUID
        public var agreementID: UUID
        public var kind: AgreementKind
        public var projectTitle: String

        enum CodingKeys: String, CodingKey {
            case kind
            case organizationID = "organization_id", engagementID = "engagement_id", agreementID = "agreement_id", projectTitle = "title"
        }
    }

    /// The agreements waiting for the employer's signature in the organizations' engagements.
    public static func unsignedByEmployer(in organizationIDs: [UUID], on db: any Database) async throws -> [Unsigned] {
        guard !organizationIDs.isEmpty else { return [] }
        return try await unsigned(where: "e.organization_id IN (\(binds: organizationIDs)) AND g.employer_signed_at IS NULL", on: db)
    }

    private static func unsigned(where condition: SQLQueryString, on db: any Database) async throws -> [Unsigned] {
        try await sql(db).raw("""
            SELECT g.id AS agreement_id, g.kind AS kind, e.id AS engagement_id, e.organization_id AS organization_id, p.title AS title
            FROM agreements g JOIN engagements e ON e.id = g.engagement_id JOIN projects p ON p.id = e.project_id
            WHERE e.state = 'contracting' AND g.superseded_at IS NULL AND
            """ + " " + condition + " ORDER BY g.created_at, g.id LIMIT 50").all(decoding: Unsigned.self)
    }

    /// A version handed in that waits for the employer's decision (accept or ask for changes).
    public struct WaitingVersion: Decodable, Sendable, Equatable {
        public var organizationID: UUID
        public var engagementID: UUID
        public var milestoneID: UUID
        public var deliverable: String
        public var version: Int
        public var projectTitle: String
        public var handedInAt: Date

        enum CodingKeys: String, CodingKey {
            case deliverable, version
            case organizationID = "organization_id", engagementID = "engagement_id", milestoneID = "milestone_id", projectTitle = "title"
            case handedInAt = "created_at"
        }
    }

    /// The versions waiting for a decision in the organizations' running engagements, oldest first.
    public static func waitingVersions(in organizationIDs: [UUID], on db: any Database) async throws -> [WaitingVersion] {
        guard !organizationIDs.isEmpty else { return [] }
        return try await sql(db).raw("""
            SELECT e.organization_id AS organization_id, e.id AS engagement_id, m.id AS milestone_id, m.title AS deliverable,
              s.version AS version, p.title AS title, s.created_at AS created_at
            FROM submissions s JOIN milestones m ON m.id = s.milestone_id JOIN engagements e ON e.id = s.engagement_id
              JOIN projects p ON p.id = e.project_id
            WHERE e.organization_id IN (\(binds: organizationIDs)) AND s.state = 'submitted' AND e.state NOT IN ('completed', 'terminated')
            ORDER BY s.created_at, s.id LIMIT 50
            """).all(decoding: WaitingVersion.self)
    }

    /// A check-in of an engagement the person takes part in.
    public struct CheckIn: Decodable, Sendable, Equatable {
        public var engagementID: UUID
        public var projectTitle: String
        public var startsAt: Date
        public var minutes: Int

        enum CodingKeys: String, CodingKey {
            case minutes
            case engagementID = "engagement_id", projectTitle = "title", startsAt = "starts_at"
        }
    }

    /// Check-ins starting in `window` of running engagements the person is in: as the candidate,
    /// on the team, or managing the organization's projects. Soonest first.
    public static func checkIns(userID: UUID, managing organizationIDs: [UUID], in window: Range<Date>,
                                on db: any Database) async throws -> [CheckIn] {
        var involved: SQLQueryString = """
            (e.candidate_id = \(bind: userID) OR EXISTS (SELECT 1 FROM engagement_team t WHERE t.engagement_id = e.id AND t.user_id = \(bind: userID))
            """
        if !organizationIDs.isEmpty { involved = involved + " OR e.organization_id IN (\(binds: organizationIDs))" }
        return try await sql(db).raw("""
            SELECT c.starts_at AS starts_at, c.minutes AS minutes, e.id AS engagement_id, p.title AS title
            FROM check_ins c JOIN engagements e ON e.id = c.engagement_id JOIN projects p ON p.id = e.project_id
            WHERE c.starts_at >= \(bind: window.lowerBound) AND c.starts_at < \(bind: window.upperBound)
              AND e.state NOT IN ('completed', 'terminated') AND
            """ + " " + involved + ") ORDER BY c.starts_at, c.id LIMIT 20").all(decoding: CheckIn.self)
    }

    /// What a partner's students have done on the platform, per student (by user).
    public struct StudentOutcomes: Sendable, Equatable {
        public var applications = 0
        public var working = 0
        public var completed = 0
        public var credentials = 0

        public init(applications: Int = 0, working: Int = 0, completed: Int = 0, credentials: Int = 0) {
            self.applications = applications
            self.working = working
            self.completed = completed
            self.credentials = credentials
        }

        public static func + (lhs: Self, rhs: Self) -> Self {
            Self(applications: lhs.applications + rhs.applications, working: lhs.working + rhs.working,
                 completed: lhs.completed + rhs.completed, credentials: lhs.credentials + rhs.credentials)
        }
    }

    /// Each student's applications, engagements running and completed, and credentials not
    /// revoked, in one statement for the whole school.
    public static func studentOutcomes(of partnerID: UUID, on db: any Database) async throws -> [UUID: StudentOutcomes] {
        let rows = try await sql(db).raw("""
            SELECT s.user_id AS user_id,
              (SELECT count(*) FROM applications a WHERE a.user_id = s.user_id) AS applications,
              (SELECT count(*) FROM engagements e WHERE e.candidate_id = s.user_id AND e.state NOT IN ('completed', 'terminated')) AS working,
              (SELECT count(*) FROM engagements e WHERE e.candidate_id = s.user_id AND e.state = 'completed') AS completed,
              (SELECT count(*) FROM credentials c WHERE c.candidate_id = s.user_id AND c.revoked_at IS NULL) AS credentials
            FROM partner_students s WHERE s.organization_id = \(bind: partnerID)
            """).all()
        var outcomes: [UUID: StudentOutcomes] = [:]
        for row in rows {
            outcomes[try row.decode(column: "user_id", as: UUID.self)] = StudentOutcomes(
                applications: try row.decode(column: "applications", as: Int.self), working: try row.decode(column: "working", as: Int.self),
                completed: try row.decode(column: "completed", as: Int.self), credentials: try row.decode(column: "credentials", as: Int.self))
        }
        return outcomes
    }

    /// A published project an employer shares with a partner's students.
    public struct SharedProject: Decodable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var organizationName: String

        enum CodingKeys: String, CodingKey {
            case id, title
            case organizationName = "name"
        }
    }

    /// The published projects shared with the partner, newest first.
    public static func sharedProjects(with partnerID: UUID, limit: Int, on db: any Database) async throws -> [SharedProject] {
        try await sql(db).raw("""
            SELECT p.id AS id, p.title AS title, o.name AS name
            FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN organizations o ON o.id = p.organization_id
            WHERE pp.organization_id = \(bind: partnerID) AND p.state = 'published'
            ORDER BY p.published_at DESC, p.id LIMIT \(literal: limit)
            """).all(decoding: SharedProject.self)
    }

    /// What waits for the platform's administrators.
    public struct PlatformQueue: Sendable, Equatable {
        public var unverifiedOrganizations: Int
        public var deadJobs: Int
        public var failingJobs: Int
        public var openDisputes: Int
    }

    public static func platformQueue(on db: any Database) async throws -> PlatformQueue {
        let open = DisputeState.allCases.filter(\.isOpen).map(\.rawValue)
        let row = try await sql(db).raw("""
            SELECT
              (SELECT count(*) FROM organizations WHERE status = 'unverified') AS unverified,
              (SELECT count(*) FROM jobs WHERE state = 'dead') AS dead,
              (SELECT count(*) FROM jobs WHERE state = 'failed') AS failing,
              (SELECT count(*) FROM disputes WHERE state IN (\(binds: open))) AS disputes
            """).first()
        func count(_ column: String) throws -> Int { try row?.decode(column: column, as: Int.self) ?? 0 }
        return PlatformQueue(unverifiedOrganizations: try count("unverified"), deadJobs: try count("dead"), failingJobs: try count("failing"),
                             openDisputes: try count("disputes"))
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        return sql
    }
}

extension HomeFacts {
    /// A candidate's engagements still running, with their projects, and what their next
    /// steps and deadlines are read from: current agreements, checklists and deliverables.
    public struct RunningWork: Sendable {
        public var engagements: [EngagementRecord]
        public var agreements: [AgreementRecord]
        public var checklist: [ChecklistItemRecord]
        public var milestones: [MilestoneRecord]
    }

    public static func runningWork(candidateID: UUID, on db: any Database) async throws -> RunningWork {
        let engagements = try await EngagementRecord.query(on: db).filter(\.$candidate.$id == candidateID)
            .filter(\.$state !~ [.completed, .terminated]).with(\.$project).sort(\.$createdAt, .descending).limit(20).all()
        let ids = engagements.compactMap(\.id)
        guard !ids.isEmpty else { return RunningWork(engagements: [], agreements: [], checklist: [], milestones: []) }
        return RunningWork(
            engagements: engagements,
            agreements: try await AgreementRecord.query(on: db).filter(\.$engagement.$id ~~ ids).filter(\.$supersededAt == nil)
                .sort(\.$kind).all(),
            checklist: try await ChecklistItemRecord.query(on: db).filter(\.$engagement.$id ~~ ids).sort(\.$position).all(),
            milestones: try await MilestoneRecord.query(on: db).filter(\.$engagement.$id ~~ ids).sort(\.$position).all())
    }
}
