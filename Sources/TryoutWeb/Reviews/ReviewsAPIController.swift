import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for rubric reviews: the same service and the same independence rule as the pages.
/// A version is found only by its engagement's managers and the reviewers asked to score it.
struct ReviewsAPIController: RouteCollection {
    private typealias Route = SiteURL.ReviewsAPI

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(Route.reviews(.key), use: sheet)
        api.post(Route.reviews(.key), use: score)
        api.get(Route.settings(.key), use: settings)
        api.on(.PUT, Route.settings(.key), use: updateSettings)
        api.get(Route.queue, use: queue)
    }

    private func id<Entity>(_ name: String, of req: Request) throws -> TypedID<Entity> {
        guard let id = req.parameters.get(name, as: TypedID<Entity>.self) else { throw Abort(.notFound) }
        return id
    }

    func sheet(req: Request) async throws -> DTO.ReviewSheet {
        DTO.ReviewSheet(try await ReviewSeat.load(try id("submissionID", of: req), try await req.signedInContext()))
    }

    func score(req: Request) async throws -> Response {
        let submissionID: SubmissionID = try id("submissionID", of: req)
        let ctx = try await req.signedInContext()
        // A version the caller may not review is a 404 before the body is judged.
        _ = try await ReviewSeat.load(submissionID, ctx)
        let body = try req.decodeJSON(DTO.ScorecardBody.self)
        let record = try await ReviewsService.score(submissionID, body.draft, ctx)
        try await record.$reviewer.load(on: ctx.db)
        return try await DTO.ReviewScorecard(record).created(at: "submissions", submissionID.uuid, "reviews", for: req)
    }

    private func settings(of projectID: ProjectID, _ ctx: ActionContext) async throws -> DTO.ReviewSettings {
        let current = try await ReviewsService.settings(of: projectID, ctx)
        return DTO.ReviewSettings(current.project.reviews, reviewers: current.reviewers)
    }

    func settings(req: Request) async throws -> DTO.ReviewSettings {
        try await settings(of: try id("projectID", of: req), try await req.signedInContext())
    }

    func updateSettings(req: Request) async throws -> DTO.ReviewSettings {
        let projectID: ProjectID = try id("projectID", of: req)
        let ctx = try await req.signedInContext()
        // Someone who may not manage the project's reviews gets a 404 before the body is judged.
        _ = try await ReviewsService.settings(of: projectID, ctx)
        let body = try req.decodeJSON(DTO.ReviewSettingsInput.self)
        try await ReviewsService.updateSettings(try body.settings(), reviewers: body.reviewers.map(UserID.init), of: projectID, ctx)
        return try await settings(of: projectID, ctx)
    }

    func queue(req: Request) async throws -> [DTO.ReviewRequest] {
        try await ReviewsService.queue(try await req.signedInContext()).map(DTO.ReviewRequest.init)
    }
}
