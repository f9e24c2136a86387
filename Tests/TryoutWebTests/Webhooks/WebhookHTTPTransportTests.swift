import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
import TryoutApp
import TryoutCore
@testable import TryoutWeb

/// The real transport against a receiver on loopback: it connects to the address it was given,
/// whatever the host name says, and keeps only the start of the answer.
@Suite("Webhook HTTP transport")
struct WebhookHTTPTransportTests {
    /// Answers every request with 503 and a long body.
    private final class Receiver: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            let body = ByteBuffer(string: "pinned " + String(repeating: "x", count: 2_000))
            var headers = HTTPHeaders()
            headers.add(name: "content-length", value: String(body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .serviceUnavailable, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    @Test("a host name that resolves nowhere still reaches the vetted address it is pinned to; 500 bytes of the answer are kept")
    func pinned() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(Receiver()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let transport = WebhookHTTPTransport(eventLoopGroup: group, threadPool: .singleton)
        let request = WebhookRequest(url: try #require(URL(string: "http://receiver.invalid:\(port)/hook")), headers: [("content-type", "application/json")],
                                     body: "{}", timeout: .seconds(5))
        let response = try await transport.post(request, connectingTo: try #require(NetworkAddress("127.0.0.1")))
        try await server.close()
        #expect(response.status == 503)
        #expect(response.excerpt.hasPrefix("pinned ") && response.excerpt.utf8.count == WebhookResponse.excerptBytes)
    }

    @Test("localhost resolves to loopback only, and every address it gives is forbidden; an address resolves to itself")
    func resolving() async throws {
        let transport = WebhookHTTPTransport(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, threadPool: .singleton)
        let local = try await transport.resolve(host: "localhost")
        #expect(!local.isEmpty && local.allSatisfy(\.isForbidden))
        #expect(try await transport.resolve(host: "203.0.113.9") == [try #require(NetworkAddress("203.0.113.9"))])
    }
}
