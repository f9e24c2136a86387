import Foundation
import TryoutApp
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for applications: candidates apply and answer; employer users screen, blind as on
/// the pages; recommendations, notifications and fairness reports.
struct ApplicationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        // Ten answers and a note at their longest, every character written as a JSON escape, pass
        // the site-wide 256 kB limit; this route allows twice that.
        api.on(.POST, SiteURL.Applications.api(.apply(.key)).pathComponents, body: .collect(maxSize: "512kb"), use: apply)
        api.get(SiteURL.Applications.api(.mine), use: mine)
        api.get(SiteURL.Applications.api(.application(.key)), use: myApplication)
        for answer in CandidateAnswer.allCases {
            api.post(SiteURL.Applications.api(.application(.key, answer))) { try await respond($0, answer) }
        }
        api.get(SiteURL.Applications.api(.recommendations), use: recommendations)
        api.get(SiteURL.Applications.api(.notifications), use: notifications)
        api.get(SiteURL.Applications.api(.applicants(.key)), use: applicants)
        api.get(SiteURL.Applications.api(.applicant(.key, .key)), use: applicant)
        api.post(SiteURL.Applications.api(.decisions(.key)), use: decide)
        api.get(SiteURL.Applications.api(.screening(.key)), use: showScreening)
        api.on(.PUT, SiteURL.Applications.api(.screening(.key)), use: screening)
        api.get(SiteURL.Applications.api(.fairness(.key)), use: projectFairness)
        api.get(SiteURL.Applications.api(.organizationFairness(.key)), use: organizationFairness)
    }

    func apply(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        _ = try await MarketplaceService.viewableProject(try req.projectID(), ctx)
        let body = try req.decodeJSON(DTO.ApplicationInputBody.self)
        let application = try await ApplicationsService.apply(body.input, to: try req.projectID(), ctx)
        return try await DTO.MyApplication(application).created(at: "me", "applications", try application.requireID(), for: req)
    }

    func mine(req: Request) async throws -> [DTO.MyApplication] {
        try await ApplicationsService.mine(try await req.signedInContext()).map(DTO.MyApplication.init)
    }

    func myApplication(req: Request) async throws -> DTO.MyApplication {
        try DTO.MyApplication(try await ApplicationsService.own(try req.applicationID(), try await req.signedInContext()))
    }

    func respond(_ req: Request, _ answer: CandidateAnswer) async throws -> DTO.MyApplication {
        let ctx = try await req.signedInContext()
        try await ApplicationsService.respond(answer, on: try req.applicationID(), ctx)
        return try DTO.MyApplication(try await ApplicationsService.own(try req.applicationID(), ctx))
    }

    func recommendations(req: Request) async throws -> [DTO.Recommendation] {
        let ctx = try await req.signedInContext()
        let found = try await ProfilesService.recommendations(for: try await ProfilesService.owner(ctx), limit: 20, ctx).projects
        let labels = try await Taxonomy.labels(of: found.flatMap(\.score.missingRequired), on: req.db)
        return found.map { DTO.Recommendation(project: DTO.ProjectSummary($0.project), match: DTO.Match($0.score, labels: labels)) }
    }

    func notifications(req: Request) async throws -> [DTO.Notification] {
        try await ApplicationsService.notifications(try await req.signedInContext()).map(DTO.Notification.init)
    }

    struct ApplicantsQuery: Content {
        var state: String?
        var sort: String?
        var limit: String?
        var cursor: String?
    }

    /// One page of the applicants, as many as the project list pages and by the same kind of cursor.
    func applicants(req: Request) async throws -> DTO.Page<DTO.Applicant> {
        let ctx = try await req.signedInContext()
        let project = try await ScreeningService.project(try req.projectID(), ctx)
        let query = try req.query.decode(ApplicantsQuery.self)
        var v = Validator()
        let state = query.state.flatMap(ApplicationState.init(rawValue:))
        v.check(query.state == nil || state != nil, "state", "Choose one of: \(ApplicationState.allCases.map(\.rawValue).joined(separator: ", ")).")
        let sort = query.sort.flatMap(ApplicantSort.init(rawValue:))
        v.check(query.sort == nil || sort != nil, "sort", "Sort by match, newest or oldest.")
        let limit = query.limit.map { Int($0) ?? 0 } ?? ProjectSearchQuery.defaultLimit
        v.check((1...ProjectSearchQuery.maxLimit).contains(limit), "limit", "limit must be a whole number from 1 to \(ProjectSearchQuery.maxLimit).")
        try v.finish()
        typealias Page = DTO.Page<DTO.Applicant>
        // The cursor names the last applicant given; the database pages on from where it sorts.
        let (applicants, more) = try await ScreeningService.window(after: Page.id(in: query.cursor).map(ApplicationID.init), limit: limit,
                                                                  of: project, states: state.map { [$0] } ?? [], sort: sort ?? .match, ctx)
        return Page(items: applicants.map(DTO.Applicant.init), nextCursor: more ? applicants.last.map { Page.cursor(naming: $0.id.uuid) } : nil)
    }

    func applicant(req: Request) async throws -> DTO.Applicant {
        let ctx = try await req.signedInContext()
        let project = try await ScreeningService.project(try req.projectID(), ctx)
        return DTO.Applicant(try await ScreeningService.applicant(try req.applicationID(), of: project, ctx))
    }

    func decide(req: Request) async throws -> [DTO.Applicant] {
        let ctx = try await req.signedInContext()
        let project = try await ScreeningService.project(try req.projectID(), for: Action.authorProjects, ctx)
        let body = try req.decodeJSON(DTO.DecisionInput.self)
        let changes: [ApplicationChange]
        do {
            let decision = try ApplicationDecision(ids: body.applicationIDs, target: body.action, message: body.message ?? "")
            changes = try await ApplicationsService.decide(decision, on: try req.projectID(), ctx)
        } catch let failure as ValidationFailure {
            // Core and the store speak of the form's `applications`; this input calls them `applicationIDs`.
            throw ValidationFailure(failure.errors.map { FieldError($0.field == "applications" ? "applicationIDs" : $0.field, $0.message) })
        }
        return try await ScreeningService.views(of: changes.map(\.application), on: project, ctx).map(DTO.Applicant.init)
    }

    func showScreening(req: Request) async throws -> DTO.Screening {
        DTO.Screening(try await ScreeningService.project(try req.projectID(), try await req.signedInContext()).screening)
    }

    func screening(req: Request) async throws -> DTO.Screening {
        let ctx = try await req.signedInContext()
        _ = try await ScreeningService.project(try req.projectID(), for: Action.authorProjects, ctx)
        let body = try req.decodeJSON(DTO.ScreeningInput.self)
        // Without `confirmReveal` a switch that would show who applied answers 409 naming them.
        let confirmed = body.confirmReveal == true
        let settings = try body.settings()
        try await ScreeningService.save(settings, of: try req.projectID(), ctx) { _ in confirmed }
        return DTO.Screening(settings)
    }

    func projectFairness(req: Request) async throws -> DTO.Fairness {
        let ctx = try await req.signedInContext()
        let project = try await ScreeningService.project(try req.projectID(), for: Action.readFairnessReport, ctx)
        return DTO.Fairness(try await ScreeningService.fairness(of: project, ctx))
    }

    func organizationFairness(req: Request) async throws -> DTO.Fairness {
        let ctx = try await req.signedInContext()
        let org = try await OrganizationsService.organization(slug: req.parameters.get("slug"), for: Action.readFairnessReport, ctx)
        return DTO.Fairness(try await ScreeningService.fairness(of: OrganizationID(try org.requireID()), ctx))
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
