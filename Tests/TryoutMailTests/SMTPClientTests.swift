import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import TryoutMail

/// A plain-text SMTP server on loopback that answers each command from a script and records
/// what it was sent; enough to check the client's side of the conversation without TLS.
final class ScriptedSMTPServer: Sendable {
    /// The tests' own event loop: the shared one is busy with every other suite's servers and
    /// databases when all suites run at once, and a starved timer would make deadlines flaky.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let commands = NIOLockedValueBox<[String]>([])
    private let channel: any Channel

    /// `answers(command)` gives the reply to each command (nil: stay silent); `greeting` nil never greets.
    init(greeting: String?, answers: @escaping @Sendable (String) -> String?) async throws {
        let commands = self.commands
        channel = try await ServerBootstrap(group: Self.group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Conversation(greeting: greeting, answers: answers, commands: commands))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var port: Int { channel.localAddress?.port ?? 0 }

    func close() async throws { try await channel.close() }

    private final class Conversation: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String?
        let answers: @Sendable (String) -> String?
        let commands: NIOLockedValueBox<[String]>
        var pending = ""
        var inData = false
        var data: [String] = []

        init(greeting: String?, answers: @escaping @Sendable (String) -> String?, commands: NIOLockedValueBox<[String]>) {
            self.greeting = greeting
            self.answers = answers
            self.commands = commands
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting { reply(greeting, context) }
        }

        func channelRead(context: ChannelHandlerContext, data bytes: NIOAny) {
            pending += String(buffer: unwrapInboundIn(bytes))
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                if inData {
                    guard line == "." else { data.append(line); continue }
                    inData = false
                    commands.withLockedValue { $0.append("DATA:" + data.joined(separator: "\n")) }
                    reply("250 2.0.0 queued as 1", context)
                    continue
                }
                commands.withLockedValue { $0.append(line) }
                if line == "DATA" { inData = true }
                if let answer = answers(line) { reply(answer, context) }
            }
        }

        private func reply(_ text: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}

@Suite struct SMTPClientTests {
    /// A server that takes everything and offers AUTH LOGIN only.
    static func friendly(_ line: String) -> String? {
        switch line {
        case _ where line.hasPrefix("EHLO"): "250-relay.test\r\n250-SIZE 1000000\r\n250 AUTH LOGIN"
        case "AUTH LOGIN": "334 VXNlcm5hbWU6"
        case _ where line.hasPrefix("MAIL FROM"), _ where line.hasPrefix("RCPT TO"): "250 ok"
        case "DATA": "354 go ahead"
        case "QUIT": "221 bye"
        default: line == Data("me".utf8).base64EncodedString() ? "334 UGFzc3dvcmQ6" : "235 2.7.0 accepted"
        }
    }

    func client(_ server: ScriptedSMTPServer, security: SMTPServer.Security = .plain, timeout: TimeAmount = .seconds(30)) throws -> SMTPClient {
        try SMTPClient(server: SMTPServer(host: "127.0.0.1", port: server.port, security: security,
                                          credentials: .init(username: "me", password: "pw")),
                       localName: "tryout.test", timeout: timeout, group: ScriptedSMTPServer.group)
    }

    @Test func aWholeConversationWithAuthLoginAndDotStuffing() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 relay.test ESMTP", answers: Self.friendly)
        let reply = try await client(server).send("Subject: hi\r\n\r\n.hidden\r\nend\r\n", from: "a@tryout.test", to: ["b@uni.test"])
        #expect(reply == SMTPReply(code: 250, lines: ["2.0.0 queued as 1"]))
        #expect(server.commands.withLockedValue { $0 } == [
            "EHLO tryout.test", "AUTH LOGIN", "bWU=", "cHc=", "MAIL FROM:<a@tryout.test>", "RCPT TO:<b@uni.test>", "DATA",
            "DATA:Subject: hi\n\n..hidden\nend", "QUIT",
        ])
        try await server.close()
    }

    /// The server never greets: only the deadline ends the wait (the time limit catches a client
    /// that would wait forever; how long a loaded machine takes to get there is not the point).
    @Test(.timeLimit(.minutes(1))) func aSilentServerTimesOutAtTheGreeting() async throws {
        let server = try await ScriptedSMTPServer(greeting: nil, answers: { _ in nil })
        await #expect(throws: SMTPError.timeout(step: "greeting")) {
            try await client(server, timeout: .milliseconds(200)).send("x", from: "a@tryout.test", to: ["b@uni.test"])
        }
        try await server.close()
    }

    @Test func aServerThatStopsAnsweringMidwayTimesOutAtThatStep() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi", answers: { $0 == "DATA" ? nil : Self.friendly($0) })
        // Long enough that a loaded machine answers every step before DATA in time.
        await #expect(throws: SMTPError.timeout(step: "DATA")) {
            try await client(server, timeout: .seconds(2)).send("x", from: "a@tryout.test", to: ["b@uni.test"])
        }
        try await server.close()
    }

    /// The answer to EHLO arrives in time, but this process only reads it after the deadline (its
    /// tasks' executor is held up, as on a machine busy with other work): the answer counts. The
    /// deadline leaves the later commands a second each, as a busy test machine needs; the pause
    /// is well past it.
    @Test func anAnswerThatArrivedInTimeIsKeptWhenReadLate() async throws {
        let reader = PausableExecutor()
        let server = try await ScriptedSMTPServer(greeting: "220 hi") { line in
            if line.hasPrefix("EHLO") { reader.pause(for: .milliseconds(2500)) }
            return Self.friendly(line)
        }
        let client = try client(server, timeout: .milliseconds(1000))
        let reply = try await withTaskExecutorPreference(reader) {
            try await client.send("x", from: "a@tryout.test", to: ["b@uni.test"])
        }
        #expect(reply.code == 250)
        try await server.close()
    }

    @Test func noStartTLSOfferedMeansNothingIsSent() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi", answers: Self.friendly)
        await #expect(throws: SMTPError.startTLSUnavailable) {
            try await client(server, security: .startTLS).send("x", from: "a@tryout.test", to: ["b@uni.test"])
        }
        #expect(server.commands.withLockedValue { $0 } == ["EHLO tryout.test"])
        try await server.close()
    }

    /// CVE-2011-0411: a reply smuggled in plain text after "220 go ahead" would be read as the
    /// answer to a command sent under TLS.
    @Test func plainTextAfterTheAnswerToStartTLSEndsTheConversation() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi") { line in
            switch line {
            case _ where line.hasPrefix("EHLO"): "250-relay.test\r\n250 STARTTLS"
            case "STARTTLS": "220 go ahead\r\n250-relay.test\r\n250 AUTH PLAIN"
            default: nil
            }
        }
        await #expect(throws: SMTPError.malformedReply("data after the answer to STARTTLS")) {
            try await client(server, security: .startTLS).send("x", from: "a@tryout.test", to: ["b@uni.test"])
        }
        #expect(server.commands.withLockedValue { $0 } == ["EHLO tryout.test", "STARTTLS"])
        try await server.close()
    }

    @Test func aRefusedRecipientIsAPermanentFailureWithTheServersWords() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi", answers: { $0.hasPrefix("RCPT") ? "550 5.1.1 unknown" : Self.friendly($0) })
        let error = await #expect(throws: SMTPError.self) {
            try await client(server).send("x", from: "a@tryout.test", to: ["b@uni.test"])
        }
        #expect(error == .rejected(step: "RCPT TO", SMTPReply(code: 550, lines: ["5.1.1 unknown"])))
        #expect(error?.isPermanent == true)
        try await server.close()
    }

    @Test func anAddressThatCouldInjectACommandIsNeverSent() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi", answers: Self.friendly)
        await #expect(throws: SMTPError.invalidAddress("b@uni.test>\r\nRCPT TO:<c@evil.test")) {
            try await client(server).send("x", from: "a@tryout.test", to: ["b@uni.test>\r\nRCPT TO:<c@evil.test"])
        }
        #expect(server.commands.withLockedValue { $0 }.isEmpty)
        try await server.close()
    }
}

/// Runs tasks on a queue of its own that a test can hold up for a while.
final class PausableExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "tryout.tests.pausable")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    func pause(for duration: TimeAmount) {
        queue.suspend()
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(duration.nanoseconds))) { self.queue.resume() }
    }
}
