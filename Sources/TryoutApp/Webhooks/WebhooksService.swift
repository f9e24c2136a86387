import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// An organization's webhooks as its owners and admins manage them: listing, adding (the secret
/// is shown once, here), the delivery log, sending a message again, and removing. Everyone
/// else, other organizations' people included, is told the organization does not exist.
public enum WebhooksService {
    /// The organization at `slug` if the acting person may manage its webhooks.
    public static func organization(slug: String?, _ ctx: ActionContext) async throws -> OrganizationRecord {
        try await OrganizationsService.organization(slug: slug, for: Action.manageSettings, ctx)
    }

    /// Every endpoint with its latest attempt.
    public static func endpoints(of org: OrganizationRecord, _ ctx: ActionContext) async throws -> [WebhookEndpointSummary] {
        let endpoints = try await Webhooks.endpoints(of: try org.requireID(), on: ctx.db)
        let latest = try await Webhooks.lastDeliveries(of: endpoints.compactMap(\.id), on: ctx.db)
        return endpoints.map { WebhookEndpointSummary(endpoint: $0, lastDelivery: $0.id.flatMap { latest[$0] }) }
    }

    /// Adds an endpoint for `rawEvents` (event type names). The URL must be https (http only where
    /// private targets are allowed) and must not lead into a private network, by its text or by
    /// what its host resolves to now; a name that does not resolve yet is accepted, since every
    /// delivery checks again. Returns the endpoint with its secret, which is not shown again.
    public static func create(url rawURL: String?, kind rawKind: String?, events rawEvents: [String], in org: OrganizationRecord,
                              settings: WebhookSettings, _ ctx: ActionContext) async throws -> NewWebhookEndpoint {
        let input = try WebhookEndpointInput.parse(url: rawURL, kind: rawKind, events: rawEvents, allowPrivate: settings.allowPrivate)
        let host = input.target.host
        if !settings.allowPrivate, NetworkAddress(host) == nil,
           let addresses = try? await settings.transport.resolve(host: host), addresses.contains(where: \.isForbidden) {
            throw WebhookTarget.resolvesPrivately
        }
        let orgID = try org.requireID()
        let actor = try await ctx.actingUser()
        let secret = WebhookSecret.generate()
        let endpoint = try await ctx.act(locking: .none) { ctx in
            let endpoint = WebhookEndpointRecord(organizationID: orgID, url: input.target.url.absoluteString, kind: input.kind,
                                                 eventTypes: input.events, secret: secret, createdAt: ctx.now)
            try await endpoint.create(on: ctx.db)
            try await ctx.audit(.settingsChanged, by: actor, organizationID: orgID, detail: "webhook added: \(endpoint.url)")
            return endpoint
        }
        return NewWebhookEndpoint(endpoint: endpoint, secret: secret)
    }

    /// One endpoint and its latest attempts, newest first.
    public static func endpoint(_ id: WebhookEndpointID?, in org: OrganizationRecord,
                                _ ctx: ActionContext) async throws -> (endpoint: WebhookEndpointRecord, deliveries: [WebhookDeliveryRecord]) {
        let endpoint = try await find(id, in: org, ctx)
        return (endpoint, try await Webhooks.deliveries(of: try endpoint.requireID(), on: ctx.db))
    }

    public static func delete(_ id: WebhookEndpointID?, in org: OrganizationRecord, _ ctx: ActionContext) async throws {
        let endpoint = try await find(id, in: org, ctx)
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            try await WebhookDeliveryRecord.query(on: ctx.db).filter(\.$endpoint.$id == endpoint.requireID()).delete()
            try await endpoint.delete(on: ctx.db)
            try await ctx.audit(.settingsChanged, by: actor, organizationID: endpoint.$organization.id, detail: "webhook removed: \(endpoint.url)")
        }
    }

    /// Sends a logged message again, unchanged and under the same `webhook-id`. An endpoint that
    /// was turned off is turned back on: asking to send again says the receiver works now.
    public static func redeliver(_ deliveryID: WebhookDeliveryID?, of endpointID: WebhookEndpointID?, in org: OrganizationRecord,
                                 _ ctx: ActionContext) async throws {
        let endpoint = try await find(endpointID, in: org, ctx)
        let id = try endpoint.requireID()
        guard let deliveryID, let delivery = try await Webhooks.delivery(deliveryID.uuid, of: id, on: ctx.db) else { throw ActionError.notFound }
        try await ctx.act(locking: .none) { ctx in
            if endpoint.disabledAt != nil { try await Webhooks.turnOn(endpoint, on: ctx.db) }
            try await ctx.enqueue(WebhookDeliveryJob(endpointID: id, messageID: delivery.messageID, eventType: delivery.eventType, body: delivery.body))
        }
    }

    private static func find(_ id: WebhookEndpointID?, in org: OrganizationRecord, _ ctx: ActionContext) async throws -> WebhookEndpointRecord {
        guard let id, let endpoint = try await Webhooks.endpoint(id.uuid, of: try org.requireID(), on: ctx.db) else { throw ActionError.notFound }
        return endpoint
    }
}

/// An endpoint as the list shows it.
public struct WebhookEndpointSummary: Sendable {
    public let endpoint: WebhookEndpointRecord
    public let lastDelivery: WebhookDeliveryRecord?
}

/// A new endpoint and its secret, which only this answer carries.
public struct NewWebhookEndpoint: Sendable {
    public let endpoint: WebhookEndpointRecord
    public let secret: String
}
