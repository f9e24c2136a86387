import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Hands messages to one SMTP server (RFC 5321): EHLO, STARTTLS, AUTH PLAIN or LOGIN, MAIL FROM,
/// RCPT TO, DATA and QUIT, one connection per message. Every step has `timeout` to answer,
/// so a silent server costs a retry, never a stuck worker.
public struct SMTPClient: Sendable {
    public var server: SMTPServer
    /// The name this side gives in EHLO: the site's host name.
    public var localName: String
    public var timeout: TimeAmount
    private let tls: NIOSSLContext?
    private let group: any EventLoopGroup

    /// `caFile`: PEM certificates trusted besides the system's, for a server with a private CA.
    /// Throws when the CA file cannot be read, so a wrong path stops the server at start-up.
    public init(server: SMTPServer, localName: String, caFile: String? = nil, timeout: TimeAmount = .seconds(30),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.server = server
        self.localName = localName
        self.timeout = timeout
        self.group = group
        if server.security == .plain {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let caFile { configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))] }
            tls = try NIOSSLContext(configuration: configuration)
        }
    }

    /// Sends `message` (RFC 5322 text) from `sender` to `recipients`; returns the server's
    /// final reply, which names its queue id, or throws `SMTPError`. (Untyped `throws` only
    /// because Swift 6.3 crashes compiling a typed-throws catch in an async caller.)
    public func send(_ message: String, from sender: String, to recipients: [String]) async throws -> SMTPReply {
        for address in [sender] + recipients where !Mailbox.isPlausible(address) {
            throw SMTPError.invalidAddress(String(address.prefix(200)))
        }
        let connection = SMTPConnectionState()
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: server.host, port: server.port) { [tls, server] channel in
                    channel.eventLoop.makeCompletedFuture {
                        if server.security == .implicitTLS, let tls {
                            try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: server.host))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder(connection: connection)))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.connection(step: "connect", "cannot connect to \(server.host):\(server.port): \(error)")
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(channel: channel.channel, connection: connection, replies: inbound.makeAsyncIterator(),
                                          outbound: outbound, timeout: timeout)
                return try await converse(&session, message: message, sender: sender, recipients: recipients)
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.connection(step: "close", "\(error)")
        }
    }

    private func converse(_ session: inout SMTPSession, message: String, sender: String,
                          recipients: [String]) async throws(SMTPError) -> SMTPReply {
        try await session.expect(2, step: "greeting")
        var capabilities = try await session.hello(localName)
        if server.security == .startTLS {
            guard capabilities.contains("STARTTLS"), let tls else { throw .startTLSUnavailable }
            session.connection.awaitingTLS.withLockedValue { $0 = true }
            try await session.send("STARTTLS", step: "STARTTLS", expect: 2)
            session.connection.awaitingTLS.withLockedValue { $0 = false }
            try await session.startTLS(tls, host: server.host)
            // What the server offered in plain text may have been forged: ask again.
            capabilities = try await session.hello(localName)
        }
        if let credentials = server.credentials {
            try await authenticate(&session, credentials, offered: capabilities)
        }
        try await session.send("MAIL FROM:<\(sender)>", step: "MAIL FROM", expect: 2)
        for recipient in recipients {
            try await session.send("RCPT TO:<\(recipient)>", step: "RCPT TO", expect: 2)
        }
        try await session.send("DATA", step: "DATA", expect: 3)
        let accepted = try await session.send(raw: SMTPData.encode(message), step: "message", expect: 2)
        // The message is the server's now; a failed goodbye must not make it look undelivered.
        _ = try? await session.send("QUIT", step: "QUIT", expect: 2)
        return accepted
    }

    /// PLAIN where offered (one round trip), else LOGIN; the secrets never appear in errors.
    private func authenticate(_ session: inout SMTPSession, _ credentials: SMTPServer.Credentials,
                              offered capabilities: Set<String>) async throws(SMTPError) {
        let base64 = { (text: String) in Data(text.utf8).base64EncodedString() }
        if capabilities.contains("AUTH PLAIN") {
            try await session.send("AUTH PLAIN " + base64("\0\(credentials.username)\0\(credentials.password)"), step: "AUTH PLAIN", expect: 2)
        } else if capabilities.contains("AUTH LOGIN") {
            try await session.send("AUTH LOGIN", step: "AUTH LOGIN", expect: 3)
            try await session.send(base64(credentials.username), step: "AUTH LOGIN user name", expect: 3)
            try await session.send(base64(credentials.password), step: "AUTH LOGIN password", expect: 2)
        } else {
            throw .authenticationUnavailable
        }
    }

    fileprivate static func tlsHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        // An IP address cannot go in SNI; without a name NIOSSL checks the certificate against
        // the address connected to instead.
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }
}

/// One connection's commands and replies, each step under its own deadline.
private struct SMTPSession {
    let channel: any Channel
    let connection: SMTPConnectionState
    /// Replies taken from `replies`; fewer than `connection.repliesReceived` means one is waiting.
    var repliesRead = 0
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let timeout: TimeAmount

    /// EHLO, answered with the extensions the server offers, upper-cased: `STARTTLS`,
    /// `AUTH PLAIN`, `AUTH LOGIN` (one entry per AUTH mechanism).
    mutating func hello(_ name: String) async throws(SMTPError) -> Set<String> {
        let reply = try await send("EHLO \(name)", step: "EHLO", expect: 2)
        var offered = Set<String>()
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" })
            guard let keyword = words.first else { continue }
            offered.insert(String(keyword))
            if keyword == "AUTH" { for mechanism in words.dropFirst() { offered.insert("AUTH \(mechanism)") } }
        }
        return offered
    }

    @discardableResult
    mutating func send(_ command: String, step: String, expect digit: Int) async throws(SMTPError) -> SMTPReply {
        try await send(raw: command + "\r\n", step: step, expect: digit)
    }

    @discardableResult
    mutating func expect(_ digit: Int, step: String) async throws(SMTPError) -> SMTPReply {
        try await send(raw: nil, step: step, expect: digit)
    }

    /// Writes `raw` (if any) and reads the reply; a reply outside the expected class (2xx or
    /// 3xx) is the server saying no. The deadline closes the connection, which ends the wait,
    /// unless an answer has arrived that this process has not read yet.
    @discardableResult
    mutating func send(raw: String?, step: String, expect digit: Int) async throws(SMTPError) -> SMTPReply {
        let timedOut = NIOLockedValueBox(false)
        let channel = self.channel
        let received = connection.repliesReceived
        let read = repliesRead
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            guard received.withLockedValue({ $0 }) == read else { return }
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        let reply: SMTPReply?
        do {
            if let raw {
                do {
                    try await outbound.write(ByteBuffer(string: raw))
                } catch {
                    // The connection died under the write; why (a TLS alert such as an untrusted
                    // certificate, a reset) waits in the inbound stream, and beats "closed channel".
                    _ = try await replies.next()
                    throw error
                }
            }
            reply = try await replies.next()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw timedOut.withLockedValue { $0 } ? .timeout(step: step) : .connection(step: step, "\(error)")
        }
        guard let reply else {
            throw timedOut.withLockedValue { $0 } ? .timeout(step: step) : .connection(step: step, "the server closed the connection")
        }
        repliesRead += 1
        guard reply.code / 100 == digit else { throw .rejected(step: step, reply) }
        return reply
    }

    mutating func startTLS(_ context: NIOSSLContext, host: String) async throws(SMTPError) {
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try SMTPClient.tlsHandler(context, host: host), position: .first)
            }.get()
        } catch {
            throw .connection(step: "STARTTLS", "\(error)")
        }
    }
}
