/// The body of the DATA command (RFC 5321 §4.5.2): the server reads up to a line holding a
/// single ".", so every line that starts with "." gets another one, which the server removes.
public enum SMTPData {
    /// The message with CRLF line ends, dots doubled, and the closing `.` line.
    public static func encode(_ message: String) -> String {
        var out = ""
        out.reserveCapacity(message.utf8.count + 64)
        // Any lone CR or LF becomes CRLF: a bare LF followed by "." would otherwise slip a
        // terminator past servers that accept bare line ends.
        let normalized = message.replacingCRLFVariants()
        var lines = normalized.split(separator: "\r\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix(".") { out += "." }
            out += line
            out += "\r\n"
        }
        out += ".\r\n"
        return out
    }
}

extension String {
    /// CRLF, CR and LF all become CRLF.
    func replacingCRLFVariants() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousWasCR = false
        for scalar in unicodeScalars {
            switch scalar {
            case "\r":
                out += "\r\n"
                previousWasCR = true
                continue
            case "\n":
                if !previousWasCR { out += "\r\n" }
            default:
                out.unicodeScalars.append(scalar)
            }
            previousWasCR = false
        }
        return out
    }
}
