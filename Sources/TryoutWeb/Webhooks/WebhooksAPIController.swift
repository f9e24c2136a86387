import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1/organizations/:slug/webhooks`: the same service as the pages, for scripts holding a
/// personal token of an owner or admin.
struct WebhooksAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(SiteURL.Webhooks.api(.endpoints(.key)), use: list)
        api.post(SiteURL.Webhooks.api(.endpoints(.key)), use: create)
        api.on(.DELETE, SiteURL.Webhooks.api(.endpoint(.key, .key)), use: delete)
    }

    private func organization(_ req: Request) async throws -> (OrganizationRecord, ActionContext) {
        let ctx = try await req.visitorContext()
        return (try await WebhooksService.organization(slug: req.parameters.get("slug"), ctx), ctx)
    }

    func list(req: Request) async throws -> [DTO.WebhookEndpoint] {
        let (org, ctx) = try await organization(req)
        return try await WebhooksService.endpoints(of: org, ctx).map { try DTO.WebhookEndpoint($0.endpoint) }
    }

    func create(req: Request) async throws -> Response {
        // The organization is looked up first: a body sent to one the token may not manage is not read.
        let (org, ctx) = try await organization(req)
        let body = try req.decodeJSON(DTO.NewWebhookEndpoint.self)
        let new = try await WebhooksService.create(url: body.url, kind: body.kind, events: body.events, in: org,
                                                   settings: req.application.webhooks, ctx)
        return try await DTO.WebhookEndpoint(new.endpoint, secret: new.secret)
            .created(at: "organizations", org.slug, "webhooks", try new.endpoint.requireID(), for: req)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let (org, ctx) = try await organization(req)
        try await WebhooksService.delete(req.parameters.get("webhookID", as: WebhookEndpointID.self), in: org, ctx)
        return .noContent
    }
}
