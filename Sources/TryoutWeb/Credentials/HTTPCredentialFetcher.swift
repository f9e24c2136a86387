import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import TryoutApp
import Vapor

/// Reads other issuers' DID documents and status lists for `/verify`. The same guards as webhook
/// delivery: https only, the host resolved once and every address vetted (no private network
/// unless allowed), the vetted address pinned, no redirects, five seconds, and 1 MB at most.
struct HTTPCredentialFetcher: CredentialFetcher {
    let eventLoopGroup: any EventLoopGroup
    let threadPool: NIOThreadPool
    let allowPrivate: Bool

    static let limit = 1 << 20

    func fetch(_ url: String) async -> Data? {
        guard let parsed = URL(string: url), parsed.scheme?.lowercased() == "https", let host = parsed.host, !host.isEmpty,
              let addresses = try? await WebhookHTTPTransport(eventLoopGroup: eventLoopGroup, threadPool: threadPool).resolve(host: host),
              let address = addresses.first, allowPrivate || addresses.allSatisfy({ !$0.isForbidden }) else { return nil }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(5)))
        if host != address.description { configuration.dnsOverride = [host: address.description] }
        let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/did+json, application/vc+jwt, application/json;q=0.9")
        let body: ByteBuffer? = await {
            guard let response = try? await client.execute(request, timeout: .seconds(5)), response.status == .ok else { return nil }
            return try? await response.body.collect(upTo: Self.limit)
        }()
        try? await client.shutdown()
        return body.map { Data($0.readableBytesView) }
    }
}

extension Application {
    private struct CredentialFetcherKey: StorageKey {
        typealias Value = any CredentialFetcher
    }

    /// How `/verify` reaches other issuers; tests put a fake here.
    var credentialFetcher: any CredentialFetcher {
        get {
            storage[CredentialFetcherKey.self]
                ?? HTTPCredentialFetcher(eventLoopGroup: eventLoopGroup, threadPool: threadPool, allowPrivate: webhooks.allowPrivate)
        }
        set { storage[CredentialFetcherKey.self] = newValue }
    }

    var credentialVerifier: CredentialVerifier {
        CredentialVerifier(settings: tryout.credentialSettings, fetcher: credentialFetcher)
    }
}
