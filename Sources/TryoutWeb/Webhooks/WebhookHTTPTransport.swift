// AsyncHTTPClient comes with Vapor, which re-exports only its `HTTPClient` class; the request
// types and `dnsOverride` need the module itself.
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import TryoutApp
import TryoutCore
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Webhook delivery over the network with AsyncHTTPClient.
///
/// The host is resolved once (`resolve`), every address is vetted by the caller, and the request
/// then connects to the vetted address only: `dnsOverride` maps the host name to it, so TLS
/// still checks the certificate for the name (and sends it as SNI) while no second DNS lookup
/// happens that a rebinding name could answer differently. `dnsOverride` is a client setting,
/// not a request one, so each delivery uses a short-lived client on the application's event
/// loops instead of the shared `app.http.client`. Redirects are not followed: a receiver could
/// otherwise point the request at an address nobody vetted.
struct WebhookHTTPTransport: WebhookTransport {
    let eventLoopGroup: any EventLoopGroup
    let threadPool: NIOThreadPool

    /// What a log keeps of an answer at most: the rest is not even read.
    private static let readLimit = WebhookResponse.excerptBytes

    func resolve(host: String) async throws -> [NetworkAddress] {
        if let literal = NetworkAddress(host) { return [literal] }
        // getaddrinfo blocks: it runs on the thread pool, not on an event loop.
        return try await threadPool.runIfActive { try Self.lookUp(host) }
    }

    func post(_ request: WebhookRequest, connectingTo address: NetworkAddress) async throws -> WebhookResponse {
        let seconds = Int64(request.timeout.components.seconds)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(seconds), read: .seconds(seconds)))
        // Every spelling of the host but the vetted address itself is pinned to it.
        if let host = request.url.host, host != address.description {
            configuration.dnsOverride = [host: address.description]
        }
        let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
        do {
            let response = try await send(request, with: client, within: .seconds(seconds))
            try await client.shutdown()
            return response
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func send(_ request: WebhookRequest, with client: HTTPClient, within timeout: TimeAmount) async throws -> WebhookResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(string: request.body))
        let response = try await client.execute(outgoing, timeout: timeout)
        var start: [UInt8] = []
        for try await chunk in response.body {
            start += chunk.readableBytesView.prefix(Self.readLimit - start.count)
            if start.count >= Self.readLimit { break }
        }
        return WebhookResponse(status: Int(response.status.code), body: start)
    }

    struct LookupFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Every IPv4 and IPv6 address the system resolver gives for `host`, without repeats.
    static func lookUp(_ host: String) throws -> [NetworkAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else { throw LookupFailed(description: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var addresses: [NetworkAddress] = []
        var cursor = list
        while let entry = cursor?.pointee {
            if let found = entry.ai_addr.flatMap(address(of:)), !addresses.contains(found) { addresses.append(found) }
            cursor = entry.ai_next
        }
        return addresses
    }

    private static func address(of socket: UnsafeMutablePointer<sockaddr>) -> NetworkAddress? {
        switch Int32(socket.pointee.sa_family) {
        case AF_INET:
            socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                withUnsafeBytes(of: v4.pointee.sin_addr) { NetworkAddress(bytes: Array($0)) }
            }
        case AF_INET6:
            socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                withUnsafeBytes(of: v6.pointee.sin6_addr) { NetworkAddress(bytes: Array($0)) }
            }
        default:
            nil
        }
    }
}

extension Application {
    private struct WebhookSettingsKey: StorageKey {
        typealias Value = WebhookSettings
    }

    /// How webhooks are delivered: over the network, private targets allowed only with
    /// `TRYOUT_WEBHOOKS_ALLOW_PRIVATE=1` or in development. Tests put a fake transport here.
    public var webhooks: WebhookSettings {
        get {
            if let settings = storage[WebhookSettingsKey.self] { return settings }
            let allowPrivate = Environment.get("TRYOUT_WEBHOOKS_ALLOW_PRIVATE") == "1" || environment == .development
            return WebhookSettings(transport: WebhookHTTPTransport(eventLoopGroup: eventLoopGroup, threadPool: threadPool),
                                   allowPrivate: allowPrivate)
        }
        set { storage[WebhookSettingsKey.self] = newValue }
    }
}
