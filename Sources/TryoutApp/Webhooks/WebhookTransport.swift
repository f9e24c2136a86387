import Foundation
import TryoutCore

/// How a delivery reaches the network: resolving the receiver's host, then one POST to one
/// address that was vetted. A protocol so that tests deliver to a fake receiver without sockets.
public protocol WebhookTransport: Sendable {
    /// Every address `host` resolves to now (an address literal resolves to itself).
    func resolve(host: String) async throws -> [NetworkAddress]
    /// Posts `request`, connecting to `address` only, whatever the host name would resolve to
    /// by then (a second lookup could answer differently: DNS rebinding), and not following redirects.
    func post(_ request: WebhookRequest, connectingTo address: NetworkAddress) async throws -> WebhookResponse
}

/// One message to one endpoint, ready to send.
public struct WebhookRequest: Sendable, Equatable {
    public var url: URL
    public var headers: [(String, String)]
    public var body: String
    public var timeout: Duration

    public init(url: URL, headers: [(String, String)], body: String, timeout: Duration) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public static func == (lhs: WebhookRequest, rhs: WebhookRequest) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.timeout == rhs.timeout
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// What the receiver answered: the status, and the start of the body for the delivery log.
public struct WebhookResponse: Sendable, Equatable {
    public var status: Int
    public var excerpt: String

    /// How much of the answer the log keeps.
    public static let excerptBytes = 500

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.excerpt = String(decoding: body.prefix(Self.excerptBytes), as: UTF8.self)
    }
}

/// What delivering and checking addresses needs from the server: the transport, and whether
/// private targets are allowed (`TRYOUT_WEBHOOKS_ALLOW_PRIVATE=1`, or development).
public struct WebhookSettings: Sendable {
    public var transport: any WebhookTransport
    public var allowPrivate: Bool

    public init(transport: any WebhookTransport, allowPrivate: Bool) {
        self.transport = transport
        self.allowPrivate = allowPrivate
    }
}
