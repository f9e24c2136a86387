import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The webhook pages: each handler reads the form, asks `WebhooksService` and renders or redirects.
struct WebhooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Webhooks.list(.key), use: list)
        routes.post(SiteURL.Webhooks.list(.key), use: create)
        routes.get(SiteURL.Webhooks.endpoint(.key, .key), use: endpoint)
        routes.get(SiteURL.Webhooks.delete(.key, .key), use: confirmDelete)
        routes.post(SiteURL.Webhooks.delete(.key, .key), use: delete)
        routes.post(SiteURL.Webhooks.redeliver(.key, .key, .key), use: redeliver)
    }

    /// The organization at `:slug` if the person may manage its webhooks, with the context to act in.
    private func organization(_ req: Request) async throws -> (OrganizationRecord, OrganizationView, ActionContext) {
        let ctx = try await req.visitorContext()
        let org = try await WebhooksService.organization(slug: req.parameters.get("slug"), ctx)
        return (org, try OrganizationView(org), ctx)
    }

    func list(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req)
        return try await render(req, org, view, ctx, page: WebhooksPage(csrf: try await req.csrfToken(), org: view, endpoints: []))
    }

    struct CreateForm: Content {
        var url: String?
        var kind: String?
        var events: [String]?
    }

    func create(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req)
        let form = try req.content.decode(CreateForm.self)
        var page = WebhooksPage(csrf: try await req.csrfToken(), org: view, endpoints: [])
        do {
            let new = try await WebhooksService.create(url: form.url, kind: form.kind, events: form.events ?? [], in: org,
                                                       settings: req.application.webhooks, ctx)
            page.created = (try WebhookEndpointView(new.endpoint, slug: org.slug), new.secret)
            return try await render(req, org, view, ctx, page: page)
        } catch let failure as ValidationFailure {
            page.form = .init(url: form.url ?? "", kind: form.kind ?? WebhookKind.standard.rawValue, events: form.events ?? [])
            page.errors = failure.errors
            return try await render(req, org, view, ctx, page: page, status: .unprocessableEntity)
        }
    }

    private func render(_ req: Request, _ org: OrganizationRecord, _ view: OrganizationView, _ ctx: ActionContext, page: WebhooksPage,
                        status: HTTPStatus = .ok) async throws -> Response {
        var page = page
        page.endpoints = try await WebhooksService.endpoints(of: org, ctx).map {
            try WebhookEndpointView($0.endpoint, lastDelivery: $0.lastDelivery, slug: org.slug)
        }
        return try await req.render("\(org.name): webhooks", status: status, page)
    }

    func endpoint(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req)
        let (endpoint, deliveries) = try await WebhooksService.endpoint(req.parameters.get("webhookID", as: WebhookEndpointID.self), in: org, ctx)
        let page = WebhookEndpointPage(csrf: try await req.csrfToken(), org: view, endpoint: try WebhookEndpointView(endpoint, slug: org.slug),
                                       deliveries: try deliveries.map { try WebhookDeliveryView($0, slug: org.slug) })
        return try await req.render("\(org.name): webhook", page)
    }

    func confirmDelete(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req)
        let (endpoint, _) = try await WebhooksService.endpoint(req.parameters.get("webhookID", as: WebhookEndpointID.self), in: org, ctx)
        let page = WebhookDeletePage(csrf: try await req.csrfToken(), org: view, endpoint: try WebhookEndpointView(endpoint, slug: org.slug))
        return try await req.render("Remove this webhook?", page)
    }

    func delete(req: Request) async throws -> Response {
        let (org, _, ctx) = try await organization(req)
        try await WebhooksService.delete(req.parameters.get("webhookID", as: WebhookEndpointID.self), in: org, ctx)
        try await req.flash("The webhook has been removed.")
        return req.redirect(to: SiteURL.webhooks(.list(.value(org.slug))).path)
    }

    func redeliver(req: Request) async throws -> Response {
        let (org, _, ctx) = try await organization(req)
        let endpointID = req.parameters.get("webhookID", as: WebhookEndpointID.self)
        try await WebhooksService.redeliver(req.parameters.get("deliveryID", as: WebhookDeliveryID.self), of: endpointID, in: org, ctx)
        try await req.flash("The message will be sent again in a moment.")
        return req.redirect(to: endpointID.map { SiteURL.webhooks(.endpoint(.value(org.slug), .value($0))).path }
                                ?? SiteURL.webhooks(.list(.value(org.slug))).path)
    }
}
