import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for applications: candidates apply and answer; employer users screen, blind as on
/// the pages; recommendations, notifications and fairness reports.
struct ApplicationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        // Ten answers and a note at their longest, every character written as a JSON escape, pass
        // the site-wide 256 kB limit; this route allows twice that.
        api.on(.POST, "projects", ":projectID", "applications", body: .collect(maxSize: "512kb"), use: apply)
        api.get("me", "applications", use: mine)
        api.get("me", "applications", ":applicationID", use: myApplication)
        for (action, target) in [("accept", ApplicationState.accepted), ("decline", .declined), ("withdraw", .withdrawn)] {
            api.post("me", "applications", ":applicationID", .constant(action)) { try await respond($0, to: target) }
        }
        api.get("me", "recommendations", use: recommendations)
        api.get("me", "notifications", use: notifications)
        api.get("projects", ":projectID", "applicants", use: applicants)
        api.get("projects", ":projectID", "applicants", ":applicationID", use: applicant)
        api.post("projects", ":projectID", "decisions", use: decide)
        api.get("projects", ":projectID", "screening", use: showScreening)
        api.put("projects", ":projectID", "screening", use: screening)
        api.get("projects", ":projectID", "fairness", use: projectFairness)
        api.get("organizations", ":slug", "fairness", use: organizationFairness)
    }

    func apply(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.viewableProject(req)
        let body = try req.decodeJSON(DTO.ApplicationInputBody.self)
        let application = try await Applying.apply(req, to: project, body.input)
        application.$project.value = project
        return try await DTO.MyApplication(application).created(at: "me", "applications", try application.requireID(), for: req)
    }

    func mine(req: Request) async throws -> [DTO.MyApplication] {
        try await Applications.mine(userID: try req.requireUser().requireID(), on: req.db).map(DTO.MyApplication.init)
    }

    func myApplication(req: Request) async throws -> DTO.MyApplication {
        DTO.MyApplication(try await Applying.ownApplication(req))
    }

    func respond(_ req: Request, to target: ApplicationState) async throws -> DTO.MyApplication {
        let application = try await Applying.ownApplication(req)
        _ = try await Applying.respond(req, application, to: target)
        return DTO.MyApplication(try await Applying.ownApplication(req))
    }

    func recommendations(req: Request) async throws -> [DTO.Recommendation] {
        let profile = try await CandidateProfiles.profile(try await ProfileEditing.ownProfile(req), on: req.db)
        let found = try await Recommendations.projects(for: profile, viewer: try await req.searchViewer(), limit: 20, on: req.db)
        let labels = try await ApplicantScreening.skillLabels(req, found.flatMap(\.score.missingRequired))
        return found.map { DTO.Recommendation(project: DTO.ProjectSummary($0.project), match: DTO.Match($0.score, labels: labels)) }
    }

    func notifications(req: Request) async throws -> [DTO.Notification] {
        try await Notifications.recent(userID: try req.requireUser().requireID(), on: req.db).map(DTO.Notification.init)
    }

    struct ApplicantsQuery: Content {
        var state: String?
        var sort: String?
        var limit: String?
        var cursor: String?
    }

    /// One page of the applicants, as many as the project list pages and by the same kind of cursor.
    func applicants(req: Request) async throws -> DTO.Page<DTO.Applicant> {
        let project = try await ApplicantScreening.project(req)
        let query = try req.query.decode(ApplicantsQuery.self)
        var v = Validator()
        let state = query.state.flatMap(ApplicationState.init(rawValue:))
        v.check(query.state == nil || state != nil, "state", "Choose one of: \(ApplicationState.allCases.map(\.rawValue).joined(separator: ", ")).")
        let sort = query.sort.flatMap(ApplicantScreening.Sort.init(rawValue:))
        v.check(query.sort == nil || sort != nil, "sort", "Sort by match, newest or oldest.")
        let limit = query.limit.map { Int($0) ?? 0 } ?? ProjectSearchQuery.defaultLimit
        v.check((1...ProjectSearchQuery.maxLimit).contains(limit), "limit", "limit must be a whole number from 1 to \(ProjectSearchQuery.maxLimit).")
        try v.finish()
        let all = try await ApplicantScreening.applicants(req, project, states: state.map { [$0] } ?? [], sort: sort ?? .match)
        return DTO.Page(all.map(DTO.Applicant.init), after: query.cursor, limit: limit, id: \.id)
    }

    func applicant(req: Request) async throws -> DTO.Applicant {
        let (project, application) = try await Applying.applicant(req)
        guard let view = try await ApplicantScreening.views(req, project, [application]).first else { throw Abort(.notFound) }
        return DTO.Applicant(view)
    }

    func decide(req: Request) async throws -> [DTO.Applicant] {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.authorProjects(project.$organization.id))
        let body = try req.decodeJSON(DTO.DecisionInput.self)
        let changes: [ApplicationChange]
        do {
            let decision = try ApplicationDecision(ids: body.applicationIDs, target: body.action, message: body.message ?? "")
            changes = try await Applying.decide(req, project, decision)
        } catch let failure as ValidationFailure {
            // Core and the store speak of the form's `applications`; this input calls them `applicationIDs`.
            throw ValidationFailure(failure.errors.map { FieldError($0.field == "applications" ? "applicationIDs" : $0.field, $0.message) })
        }
        return try await ApplicantScreening.views(req, project, changes.map(\.application)).map(DTO.Applicant.init)
    }

    func showScreening(req: Request) async throws -> DTO.Screening {
        DTO.Screening(try await ApplicantScreening.project(req).screening)
    }

    func screening(req: Request) async throws -> DTO.Screening {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.authorProjects(project.$organization.id))
        let body = try req.decodeJSON(DTO.ScreeningInput.self)
        // Without `confirmReveal` a switch that would show who applied answers 409 naming them.
        let confirmed = body.confirmReveal == true
        try await ApplicantScreening.saveScreening(req, project, try body.settings()) { _ in confirmed }
        return DTO.Screening(project.screening)
    }

    func projectFairness(req: Request) async throws -> DTO.Fairness {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.readFairnessReport(project.$organization.id))
        return DTO.Fairness(try await ApplicantScreening.fairness(req, try await Applications.forProject(try project.requireID(), on: req.db)))
    }

    func organizationFairness(req: Request) async throws -> DTO.Fairness {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.readFairnessReport)
        return DTO.Fairness(try await ApplicantScreening.fairness(req, try await Applications.forOrganization(try org.requireID(), on: req.db)))
    }
}

extension DTO {
    /// What `PUT /api/v1/projects/{projectID}/screening` takes.
    struct ScreeningInput: Decodable {
        var blind: Bool
        var revealAt: RevealStage
        var offerWindowDays: Int
        /// True to go ahead when turning blind screening off shows who applied.
        var confirmReveal: Bool?

        func settings() throws(ValidationFailure) -> ScreeningSettings {
            try ScreeningSettings.parse(["revealAt": revealAt.rawValue, "offerWindowDays": String(offerWindowDays)]
                .merging(blind ? ["blind": "on"] : [:]) { first, _ in first })
        }
    }
}
