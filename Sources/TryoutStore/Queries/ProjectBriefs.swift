import FluentKit
import FluentPostgresDriver
import Foundation
import TryoutCore

/// Who besides the public may see a project: named partner organizations, invited people.
public struct ProjectAudience: Equatable, Sendable {
    public var partnerIDs: [UUID]
    public var invitedEmails: [String]

    public init(partnerIDs: [UUID] = [], invitedEmails: [String] = []) {
        self.partnerIDs = partnerIDs
        self.invitedEmails = invitedEmails
    }
}

/// Writes and reads whole briefs. Call the writers inside one transaction: a brief is never
/// half saved. Deliverables and rubric are versioned: a draft's version is edited in place,
/// while changing them after publishing adds a version that only new applicants see.
public enum ProjectBriefs {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    public static func create(organizationID: UUID, brief: Brief, audience: ProjectAudience, at now: Date,
                              on db: any Database) async throws -> ProjectRecord {
        let project = ProjectRecord()
        project.$organization.id = organizationID
        project.state = .draft
        project.briefVersion = 1
        project.createdAt = now
        project.screening = ScreeningSettings()
        project.reviews = ReviewSettings()
        project.onboardingJSON = ""
        apply(brief, to: project, at: now)
        try await project.create(on: db)
        try await writeDetails(of: project, brief: brief, audience: audience, at: now, on: db)
        return project
    }

    public static func update(_ project: ProjectRecord, brief: Brief, audience: ProjectAudience, at now: Date,
                              on db: any Database) async throws {
        apply(brief, to: project, at: now)
        try await project.save(on: db)
        try await writeDetails(of: project, brief: brief, audience: audience, at: now, on: db)
        try await MatchScores.forget(projectID: try project.requireID(), on: db)
    }

    /// Moves the project to `state`, stamping when it was published.
    public static func setState(_ project: ProjectRecord, to state: ProjectState, at now: Date, on db: any Database) async throws {
        project.state = state
        project.updatedAt = now
        if state == .published && project.publishedAt == nil { project.publishedAt = now }
        try await project.save(on: db)
        try await ProjectSearchIndex.refresh(project, on: db)
    }

    /// The brief with the deliverables and rubric of `version` (the current one by default): an
    /// application keeps the version its candidate read. Pass `skills` when the project was read
    /// with them in this request (`Projects.find`) and nothing has changed them since: a page
    /// saves a statement.
    public static func brief(of project: ProjectRecord, version: Int? = nil, skills: [ProjectSkillRecord]? = nil,
                             on db: any Database) async throws -> Brief {
        let projectID = try project.requireID()
        let snapshot = try await VersionStatement(projectID: projectID, version: version ?? project.briefVersion).rows(on: db).first
            .map { try $0.decode(BriefVersionRecord.self, prefix: nil) }
        let skills = if let skills { skills } else { try await ProjectSkillRecord.read("project_id = \(bind: projectID)", on: db) }
        let decoder = JSONDecoder()
        return Brief(
            title: project.title, summary: project.summary, body: project.brief,
            deliverables: try snapshot.map { try decoder.decode([Deliverable].self, from: Data($0.deliverables.utf8)) } ?? [],
            rubric: try snapshot.map { try decoder.decode([RubricCriterion].self, from: Data($0.rubric.utf8)) } ?? [],
            skills: skills.map { SkillRequirement(uri: $0.$skill.id, level: $0.level, required: $0.required) },
            estimatedHours: project.estimatedHours, durationWeeks: project.durationWeeks, pay: project.pay,
            classification: project.classification, locationMode: project.locationMode, place: project.place,
            timeZone: project.timeZone, slots: project.slots, visibility: project.visibility, applicationDeadline: project.applicationDeadline,
            startDate: project.startDate,
            agreements: Set(project.agreements.split(separator: ",").compactMap { AgreementKind(rawValue: String($0)) }),
            screeningQuestions: (try? decoder.decode([String].self, from: Data(project.screeningQuestions.utf8))) ?? [],
            accommodations: project.accommodations,
            internTest: try project.internTest.map { try decoder.decode(InternTest.self, from: Data($0.utf8)) })
    }

    /// Kept prepared: screening, applying and the employer's project pages read a version.
    struct VersionStatement: KeptStatement {
        static let sql = "SELECT * FROM \"\(BriefVersionRecord.schema)\" WHERE project_id = $1 AND version = $2"
        var projectID: UUID
        var version: Int
        var values: [any PostgresEncodable & Encodable & Sendable] { [projectID, version] }
    }

    public static func audience(of projectID: UUID, on db: any Database) async throws -> ProjectAudience {
        ProjectAudience(
            partnerIDs: try await ProjectPartnerRecord.read("project_id = \(bind: projectID)", on: db).map(\.$organization.id),
            invitedEmails: try await ProjectInvitationRecord.read("project_id = \(bind: projectID) ORDER BY email", on: db).map(\.email))
    }

    private static func apply(_ brief: Brief, to project: ProjectRecord, at now: Date) {
        project.title = brief.title
        project.summary = brief.summary
        project.brief = brief.body
        project.estimatedHours = brief.estimatedHours
        project.durationWeeks = brief.durationWeeks
        project.payMinor = brief.pay.amountMinor
        project.currency = brief.pay.currency
        project.classification = brief.classification
        project.locationMode = brief.locationMode
        project.place = brief.place
        project.timeZone = brief.timeZone
        project.slots = brief.slots
        project.visibility = brief.visibility
        project.applicationDeadline = brief.applicationDeadline
        project.startDate = brief.startDate
        project.agreements = AgreementKind.allCases.filter(brief.agreements.contains).map(\.rawValue).joined(separator: ",")
        project.screeningQuestions = String(decoding: (try? encoder.encode(brief.screeningQuestions)) ?? Data("[]".utf8), as: UTF8.self)
        project.accommodations = brief.accommodations
        project.internTest = brief.internTest.flatMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        project.updatedAt = now
    }

    private static func writeDetails(of project: ProjectRecord, brief: Brief, audience: ProjectAudience, at now: Date,
                                     on db: any Database) async throws {
        let projectID = try project.requireID()
        let deliverables = String(decoding: try encoder.encode(brief.deliverables), as: UTF8.self)
        let rubric = String(decoding: try encoder.encode(brief.rubric), as: UTF8.self)
        let current = try await BriefVersionRecord.query(on: db)
            .filter(\.$project.$id == projectID).filter(\.$version == project.briefVersion).first()
        if let current, project.state == .draft {
            current.deliverables = deliverables
            current.rubric = rubric
            try await current.save(on: db)
        } else if current == nil {
            try await BriefVersionRecord(projectID: projectID, version: project.briefVersion, deliverables: deliverables,
                                         rubric: rubric, createdAt: now).create(on: db)
        } else if current?.deliverables != deliverables || current?.rubric != rubric {
            // Published work is frozen for the people who applied to it: start a new version.
            project.briefVersion += 1
            try await project.save(on: db)
            try await BriefVersionRecord(projectID: projectID, version: project.briefVersion, deliverables: deliverables,
                                         rubric: rubric, createdAt: now).create(on: db)
        }

        try await ProjectSkillRecord.query(on: db).filter(\.$project.$id == projectID).delete()
        for skill in brief.skills {
            try await ProjectSkillRecord(projectID: projectID, skillURI: skill.uri, required: skill.required, level: skill.level).create(on: db)
        }
        try await ProjectPartnerRecord.query(on: db).filter(\.$project.$id == projectID).delete()
        for partnerID in Set(audience.partnerIDs) {
            try await ProjectPartnerRecord(projectID: projectID, organizationID: partnerID).create(on: db)
        }
        try await ProjectInvitationRecord.query(on: db).filter(\.$project.$id == projectID).delete()
        for email in Set(audience.invitedEmails) {
            try await ProjectInvitationRecord(projectID: projectID, email: email, createdAt: now).create(on: db)
        }
        try await ProjectSearchIndex.refresh(project, on: db)
    }
}
