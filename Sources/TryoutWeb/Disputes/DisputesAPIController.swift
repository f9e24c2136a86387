import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for disputes: the same service and rules as the pages. The engagement's two sides
/// and the platform's admins find a dispute; everyone else gets a 404.
struct DisputesAPIController: RouteCollection {
    private typealias Route = SiteURL.DisputesAPI

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(Route.engagement(.key), use: list)
        api.post(Route.engagement(.key), use: open)
        api.get(Route.dispute(.key), use: show)
        api.post(Route.dispute(.key, .answer), use: answer)
        api.post(Route.dispute(.key, .withdraw), use: withdraw)
        api.grouped(IdempotencyMiddleware(required: false)).post(Route.dispute(.key, .decision), use: decide)
        api.get(Route.desk, use: desk)
    }

    func list(req: Request) async throws -> [DTO.Dispute] {
        let engagement = try await EngagementRequest.load(req)
        return try await DisputesService.disputes(in: engagement.participant, engagement.context).disputes.map { DTO.Dispute($0) }
    }

    func open(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        // Someone who may not dispute here is refused before the body is judged.
        try engagement.participant.require(.dispute)
        let input = try req.decodeJSON(DTO.DisputeBody.self).input()
        let record = try await DisputesService.open(input, in: engagement.participant, engagement.context)
        let id = DisputeID(try record.requireID())
        return try await dispute(id, engagement.context).created(at: "disputes", id.uuid, for: req)
    }

    private func dispute(_ id: DisputeID, _ ctx: ActionContext) async throws -> DTO.Dispute {
        let view = try await DisputesService.view(id, ctx)
        return DTO.Dispute(view.dispute, items: view.evidence)
    }

    private func disputeID(_ req: Request) throws -> DisputeID {
        guard let id = req.parameters.get("disputeID", as: DisputeID.self) else { throw Abort(.notFound) }
        return id
    }

    func show(req: Request) async throws -> DTO.Dispute {
        try await dispute(try disputeID(req), try await req.signedInContext())
    }

    func answer(req: Request) async throws -> DTO.Dispute {
        let id = try disputeID(req), ctx = try await req.signedInContext()
        _ = try await DisputesService.view(id, ctx)
        try await DisputesService.answer(id, try req.decodeJSON(DTO.DisputeAnswerBody.self).answer, ctx)
        return try await dispute(id, ctx)
    }

    func withdraw(req: Request) async throws -> DTO.Dispute {
        let id = try disputeID(req), ctx = try await req.signedInContext()
        try await DisputesService.withdraw(id, ctx)
        return try await dispute(id, ctx)
    }

    func decide(req: Request) async throws -> DTO.Dispute {
        let id = try disputeID(req), ctx = try await req.signedInContext()
        // Only platform admins find a dispute to decide, before the body is judged.
        guard Policy.allows(ctx.principal, .decideDisputes) else { throw Abort(.notFound) }
        _ = try await DisputesService.view(id, ctx)
        try await DisputesService.decide(id, try req.decodeJSON(DTO.DisputeDecisionBody.self).input(), ctx)
        return try await dispute(id, ctx)
    }

    func desk(req: Request) async throws -> DTO.DisputeDesk {
        let desk = try await DisputesService.desk(try await req.signedInContext())
        return DTO.DisputeDesk(open: desk.open.map { DTO.Dispute($0) }, decidedLastYear: desk.decidedLastYear,
                               medianSecondsToDecision: desk.medianTimeToDecision.map { Int($0) })
    }
}
