import NIOConcurrencyHelpers
import NIOCore

/// What the client's steps and its decoder share about one connection.
struct SMTPConnectionState: Sendable {
    /// Set while the answer to STARTTLS is awaited: anything after that answer arrived in
    /// plain text and could be an attacker's reply to commands sent under TLS (CVE-2011-0411).
    let awaitingTLS = NIOLockedValueBox(false)
    /// Counted as they arrive, on the event loop: a step's deadline closes the connection only if
    /// every reply that arrived has been read, so an answer that came in time is never lost
    /// because this process was slow to read it.
    let repliesReceived = NIOLockedValueBox(0)
}

/// Cuts the server's bytes into lines and the lines into replies.
final class SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    /// RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; leave room for chatty servers.
    static let maxLineLength = 4096

    private var parser = SMTPReplyParser()
    private let connection: SMTPConnectionState

    init(connection: SMTPConnectionState) {
        self.connection = connection
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maxLineLength { throw SMTPError.malformedReply("a line longer than \(Self.maxLineLength) bytes") }
            return .needMoreData
        }
        let length = newline - view.startIndex
        guard length <= Self.maxLineLength, var line = buffer.readString(length: length) else {
            throw SMTPError.malformedReply("a line longer than \(Self.maxLineLength) bytes")
        }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        guard let reply = try parser.consume(Substring(line)) else { return .continue }
        if connection.awaitingTLS.withLockedValue({ $0 }), buffer.readableBytes > 0 {
            throw SMTPError.malformedReply("data after the answer to STARTTLS")
        }
        connection.repliesReceived.withLockedValue { $0 += 1 }
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue, buffer.readableBytes > 0 {}
        return .needMoreData
    }
}
