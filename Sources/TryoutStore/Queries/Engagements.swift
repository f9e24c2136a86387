import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import TryoutCore

/// Engagements: starting one when a place is accepted, finding them for the people in them,
/// and moving their state as signatures, checklist and work come in.
public enum Engagements {
    /// Starts the engagement of a just-accepted application, in the acceptance's transaction:
    /// milestones from the brief version the candidate applied to, the project's checklist, and
    /// every agreement the project requires, rendered with the engagement's terms.
    public static func start(for application: ApplicationRecord, project: ProjectRecord, at now: Date,
                             on db: any Database) async throws -> EngagementRecord {
        let brief = try await ProjectBriefs.brief(of: project, version: application.briefVersion, on: db)
        let engagement = EngagementRecord()
        engagement.$application.id = try application.requireID()
        engagement.$project.id = try project.requireID()
        engagement.$organization.id = project.$organization.id
        engagement.$candidate.id = application.$candidate.id
        engagement.state = .contracting
        // Only published projects take people, and a published brief always names a classification.
        engagement.classification = project.classification ?? .contractor
        engagement.payMinor = project.payMinor
        engagement.currency = project.currency
        engagement.estimatedHours = project.estimatedHours
        engagement.startDate = EngagementLifecycle.startDay(briefStart: project.startDate, acceptedAt: now)
        engagement.endDate = DueDates.end(start: engagement.startDate, weeks: project.durationWeeks)
        engagement.createdAt = now
        engagement.stateChangedAt = now
        engagement.endReason = ""
        try await engagement.create(on: db)
        let id = try engagement.requireID()
        for (position, deliverable) in brief.deliverables.enumerated() {
            try await MilestoneRecord(engagementID: id, position: position, deliverable: deliverable, start: engagement.startDate).create(on: db)
        }
        for (position, item) in project.onboarding.enumerated() {
            try await ChecklistItemRecord(engagementID: id, position: position, item: item).create(on: db)
        }
        let terms = try await terms(of: engagement, issued: now, on: db)
        for kind in AgreementKind.allCases where brief.agreements.contains(kind) {
            try await Agreements.issue(kind, for: engagement, terms: terms, at: now, on: db)
        }
        // Without agreements to sign (or a checklist), Core moves the engagement on at once.
        if let state = EngagementLifecycle.move(from: engagement.state, try await progress(of: id, on: db)) {
            try await move(engagement, to: state, at: now, on: db)
        }
        return engagement
    }

    /// The terms an agreement is rendered with, as they were frozen when the place was accepted.
    public static func terms(of engagement: EngagementRecord, issued: Date, on db: any Database) async throws -> AgreementTerms {
        let candidate = try await UserRecord.find(engagement.$candidate.id, on: db)
        let deliverables = try await milestones(of: try engagement.requireID(), on: db).map {
            Deliverable(title: $0.title, description: $0.description,
                        dueOffsetDays: Int(($0.dueAt.timeIntervalSince(engagement.startDate) / 86_400).rounded()), weight: $0.weight)
        }
        return AgreementTerms(
            organization: try await OrganizationRecord.find(engagement.$organization.id, on: db)?.name ?? "",
            candidate: candidate?.displayName ?? "", candidateEmail: candidate?.email ?? "",
            project: try await ProjectRecord.find(engagement.$project.id, on: db)?.title ?? "", deliverables: deliverables,
            pay: engagement.pay, hours: engagement.estimatedHours, start: engagement.startDate, end: engagement.endDate,
            classification: engagement.classification, issued: issued)
    }

    /// The engagement with its project, organization and candidate loaded, in one statement: every
    /// engagement page starts with it, and the database's keys hold each engagement to all three.
    public static func find(_ id: UUID, on db: any Database) async throws -> EngagementRecord? {
        guard let row = try await EngagementStatement(id: id).rows(on: db).first else { return nil }
        let engagement = try row.decode(EngagementRecord.self, prefix: "e")
        engagement.$project.value = try row.decode(ProjectRecord.self, prefix: "p")
        engagement.$organization.value = try row.decode(OrganizationRecord.self, prefix: "o")
        engagement.$candidate.value = try row.decode(UserRecord.self, prefix: "u")
        return engagement
    }

    /// Kept prepared: its four tables' hundred columns cost PostgreSQL more to plan than to read.
    struct EngagementStatement: KeptStatement {
        static let sql = """
            SELECT \([EngagementRecord.columns(as: "e"), ProjectRecord.columns(as: "p"), OrganizationRecord.columns(as: "o"),
                      UserRecord.columns(as: "u")].joined(separator: ", "))
            FROM engagements AS e
            JOIN projects AS p ON p.id = e.project_id
            JOIN organizations AS o ON o.id = e.organization_id
            JOIN users AS u ON u.id = e.candidate_id
            WHERE e.id = $1
            """
        var id: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [id] }
    }

    public static func forApplication(_ applicationID: UUID, on db: any Database) async throws -> EngagementRecord? {
        try await EngagementRecord.query(on: db).filter(\.$application.$id == applicationID).first()
    }

    /// Everything the person is part of: as the candidate, as a mentor on the team, and every
    /// engagement of the organizations whose projects they run. Newest first.
    public static func forUser(_ userID: UUID, managing organizations: [UUID], on db: any Database) async throws -> [EngagementRecord] {
        let teamIDs = try await TeamMemberRecord.query(on: db).filter(\.$user.$id == userID).all(\.$engagement.$id)
        return try await EngagementRecord.query(on: db)
            .group(.or) { group in
                group.filter(\.$candidate.$id == userID)
                if !teamIDs.isEmpty { group.filter(\.$id ~~ teamIDs) }
                if !organizations.isEmpty { group.filter(\.$organization.$id ~~ organizations) }
            }
            .with(\.$project).with(\.$organization).with(\.$candidate)
            .sort(\.$createdAt, .descending).sort(\.$id).limit(500).all()
    }

    /// The milestones and check-ins of many engagements at once, for calendar feeds.
    public static func schedule(of engagementIDs: [UUID], on db: any Database) async throws -> ([MilestoneRecord], [CheckInRecord]) {
        guard !engagementIDs.isEmpty else { return ([], []) }
        return (try await MilestoneRecord.query(on: db).filter(\.$engagement.$id ~~ engagementIDs).sort(\.$dueAt).all(),
                try await CheckInRecord.query(on: db).filter(\.$engagement.$id ~~ engagementIDs).sort(\.$startsAt).all())
    }

    public static func team(of engagementID: UUID, on db: any Database) async throws -> [TeamMemberRecord] {
        try await Team(id: engagementID).records(on: db)
    }

    /// Kept prepared, as every engagement page reads it.
    struct Team: KeptRecordsWithParentRead {
        static let parent: KeyPath<TeamMemberRecord, ParentProperty<TeamMemberRecord, UserRecord>> = \.$user
        static let condition = "r.engagement_id = $1 ORDER BY r.created_at"
        var id: UUID
    }

    public static func checklist(of engagementID: UUID, on db: any Database) async throws -> [ChecklistItemRecord] {
        try await Checklist(id: engagementID).records(on: db)
    }

    public static func milestones(of engagementID: UUID, on db: any Database) async throws -> [MilestoneRecord] {
        try await Milestones(id: engagementID).records(on: db)
    }

    // Kept prepared, as every engagement page reads them.
    struct Checklist: KeptRecordsRead {
        typealias Record = ChecklistItemRecord
        static let condition = "engagement_id = $1 ORDER BY position"
        var id: UUID
    }

    struct Milestones: KeptRecordsRead {
        typealias Record = MilestoneRecord
        static let condition = "engagement_id = $1 ORDER BY position"
        var id: UUID
    }

    /// The facts Core decides the engagement's state from: signatures, the checklist, the work.
    public static func progress(of engagementID: UUID, on db: any Database) async throws -> EngagementProgress {
        let agreements = try await Agreements.current(of: engagementID, on: db)
        let items = try await checklist(of: engagementID, on: db)
        return EngagementProgress(agreementsSigned: agreements.allSatisfy(\.isSigned), checklistDone: items.allSatisfy { $0.doneAt != nil },
                                  milestones: try await milestones(of: engagementID, on: db).map(\.state))
    }

    /// Records the state Core moved the engagement to.
    public static func move(_ engagement: EngagementRecord, to state: EngagementState, at now: Date, on db: any Database) async throws {
        let was = engagement.state
        engagement.state = state
        engagement.stateChangedAt = now
        if state.isOver { engagement.endedAt = now }
        try await engagement.save(on: db)
        // Completed work proves the project's skills, which move the candidate's match scores.
        if was != state && (was == .completed || state == .completed) {
            try await MatchScores.forget(candidateID: engagement.$candidate.id, on: db)
        }
    }

    /// Ticks off a checklist item of the engagement; nil when there is no such item.
    public static func tick(_ itemID: UUID, of engagement: EngagementRecord, by userID: UUID, at now: Date,
                            on db: any Database) async throws -> ChecklistItemRecord? {
        guard let item = try await ChecklistItemRecord.query(on: db).filter(\.$id == itemID)
            .filter(\.$engagement.$id == engagement.requireID()).first() else { return nil }
        if item.doneAt == nil {
            item.doneAt = now
            item.doneBy = userID
            try await item.save(on: db)
        }
        return item
    }

    /// Ends the engagement early. What accepted work earned stays owed.
    public static func terminate(_ engagement: EngagementRecord, reason: String, by userID: UUID, at now: Date,
                                 on db: any Database) async throws {
        engagement.state = .terminated
        engagement.stateChangedAt = now
        engagement.endedAt = now
        engagement.endedBy = userID
        engagement.endReason = reason
        try await engagement.save(on: db)
    }

    /// Adds an organization member to the team; false when they already are on it.
    public static func addToTeam(_ userID: UUID, engagementID: UUID, at now: Date, on db: any Database) async throws -> Bool {
        if try await TeamMemberRecord.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$user.$id == userID).first() != nil {
            return false
        }
        try await TeamMemberRecord(engagementID: engagementID, userID: userID, at: now).create(on: db)
        return true
    }

    public static func removeFromTeam(_ userID: UUID, engagementID: UUID, on db: any Database) async throws {
        try await TeamMemberRecord.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$user.$id == userID).delete()
    }

    /// Takes someone who leaves an organization off every team of its engagements, so that
    /// lists, calendar feeds and notifications stop reaching them with the membership.
    public static func leaveTeams(_ userID: UUID, organizationID: UUID, on db: any Database) async throws {
        let rows = try await TeamMemberRecord.query(on: db).filter(\.$user.$id == userID)
            .join(EngagementRecord.self, on: \TeamMemberRecord.$engagement.$id == \EngagementRecord.$id)
            .filter(EngagementRecord.self, \.$organization.$id == organizationID).all()
        guard !rows.isEmpty else { return }
        try await TeamMemberRecord.query(on: db).filter(\.$id ~~ rows.compactMap(\.id)).delete()
    }
}
