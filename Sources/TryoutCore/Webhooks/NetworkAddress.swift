import Foundation

/// An IP address as bytes (4 for IPv4, 16 for IPv6), and the rule that keeps webhooks away
/// from the server's own network: a webhook URL is the organization's, but the request comes
/// from inside ours, so nothing that reaches loopback, private ranges, link-local (the cloud
/// metadata service at 169.254.169.254 among them) or multicast may be a webhook's target.
public struct NetworkAddress: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// An address written as text: dotted IPv4, or IPv6 with `::` and an IPv4 tail; brackets
    /// (as in a URL's host) and a zone (`%eth0`) are allowed. Nil for anything else, host names too.
    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        guard let bytes = text.contains(":") ? Self.parseV6(text) : Self.parseV4(text) else { return nil }
        self.bytes = bytes
    }

    public var isV4: Bool { bytes.count == 4 }

    public var description: String {
        if isV4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// Whether a webhook may not be delivered here.
    public var isForbidden: Bool {
        if isV4 { return Self.forbiddenV4(bytes) }
        if let embedded = embeddedV4 { return Self.forbiddenV4(embedded) }
        let b = bytes
        if b.allSatisfy({ $0 == 0 }) { return true }                              // :: unspecified
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }        // ::1 loopback
        if b[0] & 0xFE == 0xFC { return true }                                    // fc00::/7 unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }                    // fe80::/10 link-local
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return true }                    // fec0::/10 old site-local
        if b[0] == 0xFF { return true }                                           // ff00::/8 multicast
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return true } // 2001:db8::/32 documentation
        return false
    }

    /// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`)
    /// or NAT64 (`64:ff9b::a.b.c.d`) address: each reaches that IPv4 address, so it is judged as one.
    private var embeddedV4: [UInt8]? {
        let b = bytes
        let tail = Array(b[12..<16])
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return tail }
        if b[0..<12].allSatisfy({ $0 == 0 }) && !(tail[0] == 0 && tail[1] == 0 && tail[2] == 0) { return tail }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }) { return tail }
        return nil
    }

    private static func forbiddenV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _): true                                  // 0.0.0.0/8 "this network"
        case (10, _): true                                 // 10/8 private
        case (100, 64...127): true                         // 100.64/10 carrier-grade NAT
        case (127, _): true                                // loopback
        case (169, 254): true                              // link-local, cloud metadata
        case (172, 16...31): true                          // 172.16/12 private
        case (192, 168): true                              // 192.168/16 private
        case (192, 0) where b[2] == 0: true                // 192.0.0/24 protocol assignments
        case (198, 18...19): true                          // benchmarking
        case (224...255, _): true                          // multicast, reserved, broadcast
        default: false
        }
    }

    private static func parseV4<S: StringProtocol>(_ text: S) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            // A leading zero is refused: the system resolver reads `0177` as octal (127), so
            // taking it for decimal here would vet one address and connect to another.
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  part.count == 1 || part.first != "0", let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseV6(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    bytes += v4
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
