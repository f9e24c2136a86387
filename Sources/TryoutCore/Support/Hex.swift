/// Lowercase hexadecimal, two digits a byte: how digests are written.
///
/// Written out by hand because `String(format: "%02x")` for each byte of a SHA-256 took about
/// 30 µs a digest, and every signed-in request hashes its session's token (Benchmarks/README.md,
/// eleventh round).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
