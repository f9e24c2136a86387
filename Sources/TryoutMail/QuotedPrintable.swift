/// Quoted-printable (RFC 2045 §6.7): text stays readable, any byte may appear, and no encoded
/// line is longer than 76 characters, so a 2,000-character line survives the 998-octet limit.
public enum QuotedPrintable {
    public static let maxLineLength = 76

    /// Encodes text whose lines end in CRLF, LF or CR; the result has CRLF line ends.
    public static func encode(_ text: String) -> String {
        var out = ""
        let lines = text.replacingCRLFVariants().split(separator: "\r\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "\r\n" }
            encode(line: Array(line.utf8), into: &out)
        }
        return out
    }

    private static func encode(line bytes: [UInt8], into out: inout String) {
        var length = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token = needsEscape(byte, isLast: isLast, isLineStart: index == 0, bytes: bytes) ? escaped(byte) : String(UnicodeScalar(byte))
            // Leave room for the "=" of a soft break, except for the line's last token.
            let room = isLast ? maxLineLength : maxLineLength - 1
            if length + token.count > room {
                out += "=\r\n"
                length = 0
            }
            out += token
            length += token.count
        }
    }

    private static func needsEscape(_ byte: UInt8, isLast: Bool, isLineStart: Bool, bytes: [UInt8]) -> Bool {
        switch byte {
        case UInt8(ascii: "="): return true
        // Trailing white space may be stripped in transit.
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return isLast
        // "From " at a line start gets a ">" from mbox-style stores.
        case UInt8(ascii: "F"): return isLineStart && bytes.starts(with: Array("From ".utf8))
        case 33...126: return false
        default: return true
        }
    }

    private static func escaped(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [UInt8(ascii: "="), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
