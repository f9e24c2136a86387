/// A server's answer to one command: a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx and 3xx: the command went through (3xx: send the rest).
    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later (a full mailbox, greylisting, a busy server).
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: the server will not take this message, however often it is sent.
    public var isPermanent: Bool { code >= 500 }

    /// The reply as the server wrote it, lines joined, for logs and the admin page.
    public var description: String { lines.map { "\(code) \($0)" }.joined(separator: "\n") }
}

/// Assembles replies from lines: `250-first`, `250-second`, `250 last` make one reply (RFC 5321 §4.2).
public struct SMTPReplyParser: Sendable {
    /// A server that talks for ever is broken or hostile; no real reply comes near this.
    public static let maxLines = 100
    private var code: Int?
    private var lines: [String] = []

    public init() {}

    /// Takes one line without its CRLF; returns the reply when this line was its last.
    public mutating func consume(_ line: Substring) throws(SMTPError) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
              let lineCode = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200...599).contains(lineCode)
        else { throw .malformedReply(String(line.prefix(200))) }
        if let code, code != lineCode { throw .malformedReply(String(line.prefix(200))) }
        code = lineCode
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maxLines else { throw .malformedReply("more than \(Self.maxLines) lines") }
        let isLast = bytes.count == 3 || bytes[3] == UInt8(ascii: " ")
        guard isLast else { return nil }
        defer { self = SMTPReplyParser() }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
