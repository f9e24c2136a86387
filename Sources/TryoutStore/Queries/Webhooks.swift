import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Webhook endpoints and their delivery log.
public enum Webhooks {
    public static func endpoints(of organizationID: UUID, on db: any Database) async throws -> [WebhookEndpointRecord] {
        try await WebhookEndpointRecord.query(on: db).filter(\.$organization.$id == organizationID).sort(\.$createdAt).all()
    }

    /// The endpoint, only if it belongs to the organization.
    public static func endpoint(_ id: UUID, of organizationID: UUID, on db: any Database) async throws -> WebhookEndpointRecord? {
        try await WebhookEndpointRecord.query(on: db).filter(\.$id == id).filter(\.$organization.$id == organizationID).first()
    }

    /// The endpoints still on that listen for `type`.
    public static func listening(to type: WebhookEventType, in organizationID: UUID, on db: any Database) async throws -> [WebhookEndpointRecord] {
        try await WebhookEndpointRecord.query(on: db).filter(\.$organization.$id == organizationID).filter(\.$disabledAt == nil)
            .all().filter { $0.eventTypes.contains(type) }
    }

    /// The latest attempts at the endpoint's messages, newest first.
    public static func deliveries(of endpointID: UUID, limit: Int = 50, on db: any Database) async throws -> [WebhookDeliveryRecord] {
        try await WebhookDeliveryRecord.query(on: db).filter(\.$endpoint.$id == endpointID)
            .sort(\.$attemptedAt, .descending).sort(\.$attempt, .descending).limit(limit).all()
    }

    /// Each endpoint's latest attempt, for the list of endpoints.
    public static func lastDeliveries(of endpointIDs: [UUID], on db: any Database) async throws -> [UUID: WebhookDeliveryRecord] {
        var latest: [UUID: WebhookDeliveryRecord] = [:]
        for id in endpointIDs {
            latest[id] = try await deliveries(of: id, limit: 1, on: db).first
        }
        return latest
    }

    public static func delivery(_ id: UUID, of endpointID: UUID, on db: any Database) async throws -> WebhookDeliveryRecord? {
        try await WebhookDeliveryRecord.query(on: db).filter(\.$id == id).filter(\.$endpoint.$id == endpointID).first()
    }

    /// How many times the message has been tried at the endpoint so far.
    public static func attempts(of messageID: String, at endpointID: UUID, on db: any Database) async throws -> Int {
        try await WebhookDeliveryRecord.query(on: db).filter(\.$endpoint.$id == endpointID).filter(\.$messageID == messageID).count()
    }

    /// Counts an attempt's outcome in one statement, so that deliveries running side by side
    /// each count: a delivery clears the failures in a row, a failure adds one. Returns the count,
    /// nil when the endpoint is gone.
    public static func countOutcome(delivered: Bool, endpointID: UUID, on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let rows = try await sql.raw("""
            UPDATE webhook_endpoints SET consecutive_failures = \(unsafeRaw: delivered ? "0" : "consecutive_failures + 1")
            WHERE id = \(bind: endpointID) RETURNING consecutive_failures
            """).all()
        return try rows.first?.decode(column: "consecutive_failures", as: Int.self)
    }

    /// Turns the endpoint off; true only for the call that did, so its owners are told once.
    public static func turnOff(_ endpointID: UUID, at now: Date, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        return try await !sql.raw("""
            UPDATE webhook_endpoints SET disabled_at = \(bind: now) WHERE id = \(bind: endpointID) AND disabled_at IS NULL RETURNING id
            """).all().isEmpty
    }

    /// Turns the endpoint back on with a clean slate.
    public static func turnOn(_ endpoint: WebhookEndpointRecord, on db: any Database) async throws {
        endpoint.disabledAt = nil
        endpoint.consecutiveFailures = 0
        try await endpoint.save(on: db)
    }
}
