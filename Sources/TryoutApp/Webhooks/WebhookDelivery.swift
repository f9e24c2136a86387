import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Runs a `webhook.deliver` job: checks where the host leads now, posts the message (signed for a
/// standard endpoint), logs the attempt, and throws to be retried when it failed. After
/// `WebhookHealth.failuresBeforeTurningOff` failures in a row the endpoint is turned off and its
/// organization's owners are told by e-mail.
///
/// Idempotent as the receiver sees it: every attempt of a message carries the same `webhook-id`,
/// so if a worker dies after posting and the job runs again, the receiver gets a copy it can
/// recognise and drop. The log then shows one attempt more than the receiver counted.
public enum WebhookDelivery {
    public static let timeout: Duration = .seconds(10)

    /// Why the job will be tried again.
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    public static func run(_ job: WebhookDeliveryJob, _ ctx: ActionContext, settings: WebhookSettings) async throws {
        // Deleted or turned off since: nothing is owed to it any more.
        guard let endpoint = try await WebhookEndpointRecord.find(job.endpointID, on: ctx.db), endpoint.disabledAt == nil else { return }
        let attempt = try await Webhooks.attempts(of: job.messageID, at: job.endpointID, on: ctx.db) + 1
        let started = ContinuousClock.now
        let result = await send(job, to: endpoint, settings: settings, at: ctx.now)
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let stop = try await ctx.act(locking: .none) { ctx in
            // Counted first: the endpoint may have been removed while the request was out.
            guard let failures = try await Webhooks.countOutcome(delivered: result.outcome == .delivered, endpointID: job.endpointID,
                                                                 on: ctx.db) else { return true }
            try await WebhookDeliveryRecord(endpointID: job.endpointID, messageID: job.messageID, eventType: job.eventType, attempt: attempt,
                                            attemptedAt: ctx.now, outcome: result.outcome, responseCode: result.status, durationMS: milliseconds,
                                            responseExcerpt: result.excerpt, body: job.body).create(on: ctx.db)
            guard failures >= WebhookHealth.failuresBeforeTurningOff,
                  try await Webhooks.turnOff(job.endpointID, at: ctx.now, on: ctx.db) else { return false }
            try await tellOwners(endpoint, failures: failures, ctx)
            return true
        }
        // Retried unless delivered, or nobody is waiting for it any more (removed, or just turned off).
        if result.outcome != .delivered && !stop { throw Failed(description: result.excerpt) }
    }

    private struct Result {
        var outcome: WebhookOutcome
        var status: Int?
        var excerpt: String
    }

    private static func send(_ job: WebhookDeliveryJob, to endpoint: WebhookEndpointRecord, settings: WebhookSettings, at now: Date) async -> Result {
        guard let url = URL(string: endpoint.url), let host = url.host else {
            return Result(outcome: .refused, excerpt: "The address cannot be read.")
        }
        // An http address added where private targets were allowed stays unsent where they are not.
        guard settings.allowPrivate || url.scheme?.lowercased() == "https" else {
            return Result(outcome: .refused, excerpt: "Refused: only https addresses are allowed here.")
        }
        let addresses: [NetworkAddress]
        do {
            addresses = try await settings.transport.resolve(host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        } catch {
            return Result(outcome: .failed, excerpt: "The host name could not be resolved: \(error)")
        }
        guard let address = addresses.first else { return Result(outcome: .failed, excerpt: "The host name has no address.") }
        // Every address is judged, not just the one used: a name that also leads inside is refused.
        if !settings.allowPrivate, let inside = addresses.first(where: \.isForbidden) {
            return Result(outcome: .refused, excerpt: "Refused: \(host) leads to \(inside), a private, loopback, link-local or multicast address.")
        }
        var headers = [("content-type", "application/json"), ("user-agent", "Tryout-Webhooks/1")]
        if endpoint.kind == .standard {
            headers += WebhookSignature.headers(id: job.messageID, timestamp: Int(now.timeIntervalSince1970), body: job.body, secret: endpoint.secret)
        }
        do {
            let response = try await settings.transport.post(WebhookRequest(url: url, headers: headers, body: job.body, timeout: timeout),
                                                             connectingTo: address)
            return Result(outcome: (200..<300).contains(response.status) ? .delivered : .failed, status: response.status, excerpt: response.excerpt)
        } catch {
            return Result(outcome: .failed, excerpt: String("No answer: \(error)".prefix(WebhookResponse.excerptBytes)))
        }
    }

    private static func tellOwners(_ endpoint: WebhookEndpointRecord, failures: Int, _ ctx: ActionContext) async throws {
        let organization = try await endpoint.$organization.get(on: ctx.db)
        let owners = try await Organizations.members(of: organization.requireID(), on: ctx.db).filter { $0.role == .owner }
        let body = """
            Tryout has turned off a webhook of \(organization.name) after \(failures) failed deliveries in a row:

            \(endpoint.url)

            No more events go to it. The delivery log shows what the receiver answered; once it works again, \
            send a message again from the log to turn the webhook back on.
            """
        for owner in owners {
            try await ctx.mail.send(to: owner.user.email, subject: "\(organization.name): a webhook was turned off", body: body,
                                    at: ctx.now, on: ctx.db)
        }
    }
}
