import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// One applicant as employer users see them. Until the application is revealed on a blind
/// project, `identity` is nil: no name, e-mail, headline, school, links or location, only a
/// stable handle, the time zone, skills, answers and the match.
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
    var timeZone: String
    var hoursPerWeek: Int
    var answers: [(question: String, answer: String)]
    var coverNote: String
    var identity: Identity?
    /// The candidate's accommodations note, shown only once they have accepted a place.
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
        return try applications.map { application in
            let profile = profiles[application.$candidate.id]?.profile ?? CandidateProfile()
            let score = Matching.score(MatchCandidate(profile), for: matchProject)
            let visible = BlindScreening.identityVisible(project.screening, revealed: application.revealedAt != nil)
            let questions = brief.screeningQuestions
            return ApplicantView(
                id: try application.requireID(), handle: application.handle, state: application.state, appliedAt: application.createdAt,
                stateChangedAt: application.stateChangedAt, offerExpiresAt: application.offerExpiresAt, message: application.message,
                score: score, skills: profile.skills.map { (labels[$0.uri] ?? $0.uri, $0.level) },
                missing: score.missingRequired.map { labels[$0] ?? $0 }, timeZone: profile.timeZone, hoursPerWeek: profile.hoursPerWeek,
                answers: application.answers.enumerated().map { (questions.indices.contains($0) ? questions[$0] : "Question \($0 + 1)", $1) },
                coverNote: application.coverNote,
                identity: visible ? Self.identity(application.candidate, profile, application) : nil,
                accommodations: application.state == .accepted && !profile.accommodations.isEmpty ? profile.accommodations : nil)
        }
    }

    private static func identity(_ user: UserRecord, _ profile: CandidateProfile, _ application: ApplicationRecord) -> ApplicantView.Identity {
        ApplicantView.Identity(name: user.displayName, email: user.email, headline: profile.headline, location: profile.location,
                               education: profile.education,
                               links: [profile.portfolioURL, profile.githubURL, profile.linkedInURL].filter { !$0.isEmpty },
                               portfolio: application.portfolio)
    }

    /// Saves the project's screening switches, audited.
    static func saveScreening(_ req: Request, _ project: ProjectRecord, _ settings: ScreeningSettings) async throws {
        let now = req.now
        try await req.db.transaction { tx in
            project.screening = settings
            try await project.save(on: tx)
            let detail = "\(project.title): \(settings.blind ? "blind, names shown \(settings.revealAt.label.lowercased())" : "names shown"), "
                + "\(settings.offerWindowDays) days to answer an offer"
            try await AuditLog.record(req.auditEntry(.screeningChanged, organizationID: project.$organization.id, detail: detail), at: now, on: tx)
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
