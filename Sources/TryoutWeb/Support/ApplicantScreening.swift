import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// One applicant as employer users see them. Until the application is revealed on a blind
/// project, `identity` is nil: no name, e-mail, headline, school, links, location or time zone
/// name, only a stable handle, the offset from UTC and the overlap with the project's hours,
/// skills, answers and the match.
struct ApplicantView {
    /// Who applied; the API sends it as it is.
    struct Identity: Content {
        var name: String
        var email: String
        var headline: String
        var location: String
        var education: String
        var links: [String]
        var portfolio: [String]
        /// The zone's name ("Asia/Singapore"), which says where the person is.
        var timeZone: String
    }

    var id: UUID
    var handle: String
    var state: ApplicationState
    var appliedAt: Date
    var stateChangedAt: Date
    var offerExpiresAt: Date?
    var message: String
    var score: MatchScore
    var skills: [(label: String, level: Int)]
    var missing: [String]
    /// "UTC+8 · 1 h overlap …": the candidate's offset from UTC now and the hours their working day
    /// shares with the project's; nil for a zone Tryout does not know.
    var workingHours: WorkingHoursOverlap?
    var hoursPerWeek: Int
    var answers: [(question: String, answer: String)]
    var coverNote: String
    var identity: Identity?
    /// The candidate's accommodations note, shown only once they have accepted a place, and only
    /// to the people who run the engagement.
    var accommodations: String?

    /// The name when revealed, the handle otherwise.
    var displayName: String { identity?.name ?? handle }
}

enum ApplicantScreening {
    enum Sort: String, CaseIterable {
        case match, newest, oldest

        var label: String {
            switch self {
            case .match: "Best match"
            case .newest: "Newest"
            case .oldest: "Oldest"
            }
        }
    }

    /// The project at `:projectID` for a member who may see its applicants; 404 otherwise.
    static func project(_ req: Request) async throws -> ProjectRecord {
        guard let id = req.parameters.get("projectID", as: UUID.self), let project = try await Projects.find(id: id, on: req.db) else {
            throw Abort(.notFound)
        }
        try await req.authorize(.viewApplicants(project.$organization.id))
        return project
    }

    /// The project's applicants in `states` (all when empty), sorted, blind where the project says so.
    static func applicants(_ req: Request, _ project: ProjectRecord, states: [ApplicationState] = [], sort: Sort = .match) async throws -> [ApplicantView] {
        let applications = try await Applications.forProject(try project.requireID(), states: states, on: req.db)
        let views = try await views(req, project, applications)
        switch sort {
        case .match: return views.sorted { ($0.score.total, $1.appliedAt) > ($1.score.total, $0.appliedAt) }
        case .newest: return views.sorted { $0.appliedAt > $1.appliedAt }
        case .oldest: return views
        }
    }

    static func views(_ req: Request, _ project: ProjectRecord, _ applications: [ApplicationRecord]) async throws -> [ApplicantView] {
        let brief = try await ProjectBriefs.brief(of: project, on: req.db)
        let profiles = try await CandidateProfiles.profiles(userIDs: applications.map(\.$candidate.id), on: req.db)
        let labels = try await skillLabels(req, profiles.values.flatMap { $0.profile.skills.map(\.uri) } + brief.skills.map(\.uri))
        let matchProject = MatchProject(brief)
        let notes = try await accommodations(req, applications, profiles.mapValues { $0.profile })
        let now = req.now
        return try applications.map { application in
            let profile = profiles[application.$candidate.id]?.profile ?? CandidateProfile()
            let score = Matching.score(MatchCandidate(profile), for: matchProject)
            let visible = BlindScreening.identityVisible(project.screening, revealed: application.revealedAt != nil)
            let questions = brief.screeningQuestions
            return ApplicantView(
                id: try application.requireID(), handle: application.handle, state: application.state, appliedAt: application.createdAt,
                stateChangedAt: application.stateChangedAt, offerExpiresAt: application.offerExpiresAt, message: application.message,
                score: score, skills: profile.skills.map { (labels[$0.uri] ?? $0.uri, $0.level) },
                missing: score.missingRequired.map { labels[$0] ?? $0 }, workingHours: WorkingHoursOverlap(candidate: profile.timeZone, project: matchProject, on: now),
                hoursPerWeek: profile.hoursPerWeek,
                answers: application.answers.enumerated().map { (questions.indices.contains($0) ? questions[$0] : "Question \($0 + 1)", $1) },
                coverNote: application.coverNote,
                identity: visible ? Self.identity(application.candidate, profile, application) : nil,
                accommodations: notes[try application.requireID()])
        }
    }

    /// The accommodations notes of accepted candidates whose engagement the person runs (as a
    /// manager or an assigned mentor), by application.
    private static func accommodations(_ req: Request, _ applications: [ApplicationRecord],
                                       _ profiles: [UUID: CandidateProfile]) async throws -> [UUID: String] {
        let principal = try await req.principal()
        var notes: [UUID: String] = [:]
        for application in applications where application.state == .accepted {
            let id = try application.requireID()
            guard let note = profiles[application.$candidate.id]?.accommodations, !note.isEmpty,
                  let engagement = try await Engagements.forApplication(id, on: req.db) else { continue }
            let team = try await Engagements.team(of: try engagement.requireID(), on: req.db)
            let role = EngagementAccess.role(of: principal, organizationID: engagement.$organization.id,
                                             candidateID: engagement.$candidate.id, team: Set(team.map(\.$user.id)))
            if let role, EngagementAccess.may(role, .readAccommodations) { notes[id] = note }
        }
        return notes
    }

    private static func identity(_ user: UserRecord, _ profile: CandidateProfile, _ application: ApplicationRecord) -> ApplicantView.Identity {
        ApplicantView.Identity(name: user.displayName, email: user.email, headline: profile.headline, location: profile.location,
                               education: profile.education,
                               links: [profile.portfolioURL, profile.githubURL, profile.linkedInURL].filter { !$0.isEmpty },
                               portfolio: application.portfolio, timeZone: profile.timeZone)
    }

    /// Turning blind screening off would show who these applicants are, and nobody confirmed it.
    /// The API answers 409 with their handles; the page asks.
    struct RevealNeedsConfirmation: AbortError {
        let applications: [ApplicationRecord]

        var status: HTTPResponseStatus { .conflict }
        var reason: String {
            let count = applications.count
            return "Turning blind screening off shows who \(count) applicant\(count == 1 ? " is" : "s are"): "
                + applications.map(\.handle).joined(separator: ", ")
                + ". Send \"confirmReveal\": true to go ahead; each is recorded in the audit log and stays revealed."
        }
    }

    /// Saves the project's screening switches, audited. Settings without blind screening show who
    /// every application not yet revealed is: `confirmed` is asked with their ids first (a no
    /// throws `RevealNeedsConfirmation`, changing nothing), and each reveal is audited and kept,
    /// so turning blind screening on again hides them no more. Returns how many were revealed.
    @discardableResult
    static func saveScreening(_ req: Request, _ project: ProjectRecord, _ settings: ScreeningSettings,
                              confirmed: @escaping @Sendable (Set<UUID>) -> Bool) async throws -> Int {
        let now = req.now
        let orgID = project.$organization.id
        // Under the project's decision lock, so no decision reveals one of them meanwhile.
        return try await DecisionLock.run(projectID: try project.requireID(), on: req.db) { tx in
            let revealing = settings.blind ? [] : try await Applications.unrevealed(projectID: try project.requireID(), on: tx)
            let ids = Set(try revealing.map { try $0.requireID() })
            guard ids.isEmpty || confirmed(ids) else {
                throw RevealNeedsConfirmation(applications: revealing)
            }
            project.screening = settings
            try await project.save(on: tx)
            let detail = "\(project.title): \(settings.blind ? "blind, names shown \(settings.revealAt.label.lowercased())" : "names shown"), "
                + "\(settings.offerWindowDays) days to answer an offer"
            try await AuditLog.record(req.auditEntry(.screeningChanged, organizationID: orgID, detail: detail), at: now, on: tx)
            try await Applications.reveal(revealing, at: now, on: tx)
            for application in revealing {
                try await AuditLog.record(req.auditEntry(.identityRevealed, organizationID: orgID,
                                                         detail: "\(application.handle) on \(project.title): blind screening turned off"),
                                          at: now, on: tx)
            }
            return revealing.count
        }
    }

    static func skillLabels(_ req: Request, _ uris: [String]) async throws -> [String: String] {
        let records = try await SkillRecord.query(on: req.db).filter(\.$id ~~ Set(uris)).all()
        return Dictionary(records.map { ($0.id ?? "", $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    /// Discoverable candidates who are not yet applicants, best match first, named by a handle.
    static func peopleToInvite(_ req: Request, _ project: ProjectRecord, limit: Int = 20) async throws -> [(profileID: UUID, handle: String, score: MatchScore)] {
        let brief = try await ProjectBriefs.brief(of: project, on: req.db)
        let applied = Set(try await Applications.forProject(try project.requireID(), on: req.db).map(\.$candidate.id))
        var pool = CandidatePool()
        for (record, profile) in try await CandidateProfiles.discoverable(withAnySkill: brief.skills.map(\.uri), on: req.db)
        where !applied.contains(record.$user.id) {
            pool.add(id: try record.requireID(), MatchCandidate(profile))
        }
        return pool.top(limit, for: MatchProject(brief)).map { ($0.id, "Candidate " + BlindScreening.code(for: $0.id), $0.score) }
    }

    /// The fairness tables for these applications: selection at shortlist and offer by the
    /// applicants' voluntary answers.
    static func fairness(_ req: Request, _ applications: [ApplicationRecord]) async throws -> [FairnessReport.Table] {
        let answers = try await CandidateProfiles.demographics(userIDs: applications.map(\.$candidate.id), on: req.db)
        return FairnessReport.compute(applications.map {
            FairnessReport.Applicant(groups: answers[$0.$candidate.id] ?? [:], reachedShortlist: $0.shortlistedAt != nil || $0.offeredAt != nil,
                                     reachedOffer: $0.offeredAt != nil)
        })
    }
}
