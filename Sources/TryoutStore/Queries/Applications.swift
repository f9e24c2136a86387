import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import TryoutCore

/// One application moved: what it was, whether the move showed the employer who applied, and
/// whether Tryout made it on its own (a freed place offered to the first on the waiting list)
/// rather than the person who asked.
public struct ApplicationChange: Sendable {
    public let application: ApplicationRecord
    public let from: ApplicationState
    public let revealed: Bool
    public let automatic: Bool

    public init(application: ApplicationRecord, from: ApplicationState, revealed: Bool, automatic: Bool = false) {
        self.application = application
        self.from = from
        self.revealed = revealed
        self.automatic = automatic
    }
}

public enum Applications {
    /// Stores a new application, or returns nil when the candidate already has a live one for the
    /// project: the database's unique index decides, so two submissions at once cannot both land.
    public static func submit(to project: ProjectRecord, userID: UUID, _ input: ApplicationInput, at now: Date,
                              on db: any Database) async throws -> ApplicationRecord? {
        let projectID = try project.requireID()
        if try await live(projectID: projectID, userID: userID, on: db) != nil { return nil }
        let application = ApplicationRecord(projectID: projectID, userID: userID, briefVersion: project.briefVersion, input: input, at: now)
        // Without blind screening the employer sees who applied from the start; marked so, it
        // stays shown if blind screening is turned on later.
        if !project.screening.blind { application.revealedAt = now }
        do {
            try await application.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return nil
        }
        return application
    }

    public static func live(projectID: UUID, userID: UUID, on db: any Database) async throws -> ApplicationRecord? {
        try await ApplicationRecord.query(on: db)
            .filter(\.$project.$id == projectID).filter(\.$candidate.$id == userID)
            .filter(\.$state ~~ ApplicationState.allCases.filter(\.isLive))
            .first()
    }

    /// The candidate's latest application to the project, live or not.
    public static func latest(projectID: UUID, userID: UUID, on db: any Database) async throws -> ApplicationRecord? {
        try await ApplicationRecord.query(on: db)
            .filter(\.$project.$id == projectID).filter(\.$candidate.$id == userID)
            .sort(\.$createdAt, .descending).first()
    }

    /// The candidate's applications, newest first, with their projects and organizations.
    public static func mine(userID: UUID, on db: any Database) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: db).filter(\.$candidate.$id == userID)
            .with(\.$project) { $0.with(\.$organization) }
            .sort(\.$createdAt, .descending).all()
    }

    /// One of a candidate's applications as their lists show it: where it stands, and the
    /// project's title and organization.
    public struct Summary: Equatable, Sendable {
        public var id: UUID
        public var state: ApplicationState
        public var appliedAt: Date
        public var offerExpiresAt: Date?
        public var projectTitle: String
        public var organizationName: String

        /// The summary of an application read with its project and organization.
        public init(_ application: ApplicationRecord) throws {
            self.init(id: try application.requireID(), state: application.state, appliedAt: application.createdAt,
                      offerExpiresAt: application.offerExpiresAt, projectTitle: application.project.title,
                      organizationName: application.project.organization.name)
        }

        init(id: UUID, state: ApplicationState, appliedAt: Date, offerExpiresAt: Date?, projectTitle: String, organizationName: String) {
            (self.id, self.state, self.appliedAt, self.offerExpiresAt) = (id, state, appliedAt, offerExpiresAt)
            (self.projectTitle, self.organizationName) = (projectTitle, organizationName)
        }
    }

    /// The candidate's applications as their lists show them, newest first: one statement and
    /// plain rows, as the home and the applications page ask on every view.
    public static func summaries(userID: UUID, on db: any Database) async throws -> [Summary] {
        try await SummariesStatement(userID: userID).rows(on: db).map { row in
            let row = try row.decode(model: SummaryRow.self)
            guard let state = ApplicationState(rawValue: row.state) else { throw UnknownState(state: row.state) }
            return Summary(id: row.id, state: state, appliedAt: row.createdAt, offerExpiresAt: row.offerExpiresAt,
                           projectTitle: row.title, organizationName: row.name)
        }
    }

    /// Kept prepared, as every view of those pages runs it.
    struct SummariesStatement: KeptStatement {
        static let sql = """
            SELECT a.id, a.state, a.created_at, a.offer_expires_at, p.title, o.name
            FROM applications a
            JOIN projects p ON p.id = a.project_id
            JOIN organizations o ON o.id = p.organization_id
            WHERE a.user_id = $1
            ORDER BY a.created_at DESC, a.id
            """
        var userID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [userID] }
    }

    private struct SummaryRow: Decodable {
        var id: UUID
        var state: String
        var createdAt: Date
        var offerExpiresAt: Date?
        var title: String
        var name: String

        enum CodingKeys: String, CodingKey {
            case id, state, title, name
            case createdAt = "created_at"
            case offerExpiresAt = "offer_expires_at"
        }
    }

    /// A stored state this version does not know: refused rather than shown as another.
    struct UnknownState: Error { var state: String }

    /// A project's applications in the given states (all when empty), oldest first, with the candidates.
    public static func forProject(_ projectID: UUID, states: [ApplicationState] = [], on db: any Database) async throws -> [ApplicationRecord] {
        let query = ApplicationRecord.query(on: db).filter(\.$project.$id == projectID).with(\.$candidate)
        if !states.isEmpty { query.filter(\.$state ~~ states) }
        return try await query.sort(\.$createdAt).sort(\.$id).all()
    }

    /// Every application to the organization's projects, for its fairness report.
    public static func forOrganization(_ organizationID: UUID, on db: any Database) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: db)
            .join(ProjectRecord.self, on: \ApplicationRecord.$project.$id == \ProjectRecord.$id)
            .filter(ProjectRecord.self, \.$organization.$id == organizationID)
            .all()
    }

    /// The project's applications employer users have not been shown yet, oldest first: the ones
    /// turning blind screening off would reveal.
    public static func unrevealed(projectID: UUID, on db: any Database) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: db).filter(\.$project.$id == projectID).filter(\.$revealedAt == nil)
            .sort(\.$createdAt).sort(\.$id).all()
    }

    /// Marks the applications revealed at `now`.
    public static func reveal(_ applications: [ApplicationRecord], at now: Date, on db: any Database) async throws {
        for application in applications {
            application.revealedAt = now
            try await application.save(on: db)
        }
    }

    public static func find(_ id: UUID, userID: UUID, on db: any Database) async throws -> ApplicationRecord? {
        try await ApplicationRecord.query(on: db).filter(\.$id == id).filter(\.$candidate.$id == userID)
            .with(\.$project) { $0.with(\.$organization) }.with(\.$candidate).first()
    }
}

extension Applications {
    /// The employer moves applications of one project, all or none: every refused move is listed
    /// by applicant. Call inside `DecisionLock.run`.
    public static func decide(_ decision: ApplicationDecision, of project: ProjectRecord, at now: Date,
                              on db: any Database) async throws -> [ApplicationChange] {
        let projectID = try project.requireID()
        let applications = try await ApplicationRecord.query(on: db)
            .filter(\.$id ~~ decision.ids).filter(\.$project.$id == projectID).with(\.$candidate).all()
        var refusals: [FieldError] = []
        if applications.count != decision.ids.count {
            refusals.append(FieldError("applications", "Some of the chosen applications are not on this project."))
        }
        for application in applications {
            do {
                try ApplicationLifecycle.check(from: application.state, to: decision.target, by: .employer,
                                               offerExpired: application.offerExpired(at: now))
            } catch {
                refusals.append(FieldError("applications", "\(application.handle): \(error.description)"))
            }
        }
        if !refusals.isEmpty { throw ValidationFailure(refusals) }
        var changes: [ApplicationChange] = []
        for application in applications {
            changes.append(try await move(application, to: decision.target, screening: project.screening, message: decision.message,
                                          at: now, on: db))
        }
        return changes
    }

    /// The candidate answers an offer or withdraws. Accepting with every place taken puts the
    /// application on the waiting list; withdrawing from an accepted place offers it to the first
    /// on the waiting list. Call inside `DecisionLock.run`.
    public static func respond(_ application: ApplicationRecord, of project: ProjectRecord, to target: ApplicationState,
                               at now: Date, on db: any Database) async throws -> [ApplicationChange] {
        // Read again under the lock: another request may have moved it since.
        guard let current = try await ApplicationRecord.query(on: db).filter(\.$id == application.requireID()).with(\.$candidate).first() else {
            throw ApplicationTransitionError.notAllowed(from: application.state, to: target)
        }
        let projectID = try project.requireID()
        let taken = try await ApplicationRecord.query(on: db).filter(\.$project.$id == projectID).filter(\.$state == .accepted).count()
        let from = current.state
        let landing = try ApplicationLifecycle.landing(from: from, to: target, offerExpired: current.offerExpired(at: now),
                                                       slots: project.slots, slotsTaken: taken)
        var changes = [try await move(current, to: landing, screening: project.screening, message: nil, at: now, on: db)]
        if ApplicationLifecycle.freesPlace(from: from, to: landing),
           let next = try await ApplicationRecord.query(on: db).filter(\.$project.$id == projectID).filter(\.$state == .waitlisted)
               .with(\.$candidate).sort(\.$stateChangedAt).sort(\.$id).first() {
            let offer = try await move(next, to: .offered, screening: project.screening, message: "A place opened up.", at: now, on: db)
            changes.append(ApplicationChange(application: offer.application, from: offer.from, revealed: offer.revealed, automatic: true))
        }
        return changes
    }

    /// Declines, politely, the applications the project's move to `state` ends (see
    /// `ApplicationLifecycle.endedBy`).
    public static func rejectRemaining(of project: ProjectRecord, movingTo state: ProjectState, message: String, at now: Date,
                                       on db: any Database) async throws -> [ApplicationChange] {
        let ended = ApplicationLifecycle.endedBy(state)
        guard !ended.isEmpty else { return [] }
        let remaining = try await forProject(project.requireID(), states: ended, on: db)
        var changes: [ApplicationChange] = []
        for application in remaining {
            // Cancelling is the employer's decision, so it may end an offer the candidate has not answered.
            changes.append(try await move(application, to: .rejected, screening: project.screening, message: message, at: now, on: db))
        }
        return changes
    }

    private static func move(_ application: ApplicationRecord, to target: ApplicationState, screening: ScreeningSettings,
                             message: String?, at now: Date, on db: any Database) async throws -> ApplicationChange {
        let from = application.state
        application.state = target
        application.stateChangedAt = now
        // The candidate's own moves keep the employer's last message.
        if let message { application.message = message }
        switch target {
        case .shortlisted:
            application.shortlistedAt = application.shortlistedAt ?? now
        case .offered:
            application.offeredAt = now
            application.offerExpiresAt = screening.offerExpiry(offeredAt: now)
        default:
            break
        }
        let reveals = screening.blind && application.revealedAt == nil && BlindScreening.reveals(entering: target, screening)
        if reveals { application.revealedAt = now }
        try await application.save(on: db)
        return ApplicationChange(application: application, from: from, revealed: reveals)
    }
}
