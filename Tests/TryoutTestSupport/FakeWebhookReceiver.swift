import Foundation
import NIOConcurrencyHelpers
import TryoutApp
import TryoutCore
@testable import TryoutWeb

/// A webhook receiver without sockets: host names resolve as a test says (to a public address
/// by default), and each post is kept and answered with the next scripted status (200 when
/// none is left).
public final class FakeWebhookReceiver: WebhookTransport {
    public struct Received: Sendable {
        public let request: WebhookRequest
        public let address: NetworkAddress
    }

    private struct State {
        var hosts: [String: [NetworkAddress]] = [:]
        var statuses: [Int] = []
        var received: [Received] = []
    }

    private let state = NIOLockedValueBox(State())
    public static let publicAddress = NetworkAddress("203.0.113.10")!

    public init() {}

    /// `host` resolves to `addresses` from now on.
    public func resolve(_ host: String, to addresses: [String]) {
        state.withLockedValue { $0.hosts[host] = addresses.compactMap(NetworkAddress.init) }
    }

    /// The next posts are answered with `statuses`, in order.
    public func answer(_ statuses: Int...) {
        state.withLockedValue { $0.statuses += statuses }
    }

    public var received: [Received] { state.withLockedValue { $0.received } }

    public func resolve(host: String) async throws -> [NetworkAddress] {
        if let literal = NetworkAddress(host) { return [literal] }
        return state.withLockedValue { $0.hosts[host] } ?? [Self.publicAddress]
    }

    public func post(_ request: WebhookRequest, connectingTo address: NetworkAddress) async throws -> WebhookResponse {
        let status = state.withLockedValue { state in
            state.received.append(Received(request: request, address: address))
            return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
        return WebhookResponse(status: status, body: Array((status < 300 ? "ok" : "receiver error \(status)").utf8))
    }
}

extension TestApp {
    /// Sends this application's webhooks to a fake receiver; private targets refused unless `allowPrivate`.
    @discardableResult
    public func useWebhookReceiver(allowPrivate: Bool = false) -> FakeWebhookReceiver {
        let receiver = FakeWebhookReceiver()
        app.webhooks = WebhookSettings(transport: receiver, allowPrivate: allowPrivate)
        return receiver
    }

    /// The webhook settings the server uses, for calling services directly.
    public var webhookSettings: WebhookSettings { app.webhooks }
}
