import Foundation

/// Writes a message as RFC 5322 text in 7-bit ASCII with CRLF line ends: headers in RFC 2047
/// where they leave ASCII, text and HTML as `multipart/alternative` in quoted-printable, and
/// attachments (base64) around them in `multipart/mixed`. Body lines are at most 76
/// characters; headers are folded to 78, except a long URL or file name, which cannot be.
public enum MessageWriter {
    public static func write(_ message: EmailMessage) -> String {
        var headers = [
            "Date: \(dateHeader(message.date))",
            "From: \(mailbox(message.from))",
            "To: \(mailbox(message.to))",
            header("Subject", message.subject),
            "Message-ID: \(message.messageID)",
            "MIME-Version: 1.0",
            // Asks vacation responders not to answer (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        if let url = message.unsubscribeURL {
            headers.append("List-Unsubscribe: <\(url)>")
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        let alternative = multipart("alternative", boundary: "=_alt_\(message.id)", parts: [
            textPart("text/plain", message.text),
            textPart("text/html", message.html),
        ])
        let body: String
        if message.attachments.isEmpty {
            body = alternative
        } else {
            body = multipart("mixed", boundary: "=_mix_\(message.id)", parts: [alternative] + message.attachments.map(attachmentPart))
        }
        return headers.joined(separator: "\r\n") + "\r\n" + body
    }

    /// `Name <address>`: a name in ASCII is quoted, any other is encoded.
    static func mailbox(_ box: Mailbox) -> String {
        guard let name = box.name, !name.isEmpty else { return box.address }
        if EncodedWord.isPlainASCII(name) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(box.address)>"
        }
        return EncodedWord.encode(name).joined(separator: "\r\n ") + " <\(box.address)>"
    }

    /// An unstructured header: as it is when short ASCII, else encoded words, one per line.
    static func header(_ name: String, _ value: String) -> String {
        let line = "\(name): \(value)"
        if EncodedWord.isPlainASCII(value), line.count <= 78 { return line }
        return "\(name): " + EncodedWord.encode(value).joined(separator: "\r\n ")
    }

    /// The one layout for a part: its headers, a blank line, its content.
    private static func part(_ headers: [String], _ content: String) -> String {
        headers.joined(separator: "\r\n") + "\r\n\r\n" + content
    }

    private static func multipart(_ subtype: String, boundary: String, parts: [String]) -> String {
        var body = "Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\r\n\r\n"
        for content in parts { body += "--\(boundary)\r\n\(content)\r\n" }
        return body + "--\(boundary)--\r\n"
    }

    private static func textPart(_ type: String, _ text: String) -> String {
        part(["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"], QuotedPrintable.encode(text))
    }

    private static func attachmentPart(_ attachment: EmailAttachment) -> String {
        let name = filenameParameter(attachment.filename)
        let base64 = attachment.data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return part([
            "Content-Type: \(attachment.contentType);\r\n name\(name)",
            "Content-Disposition: attachment;\r\n filename\(name)",
            "Content-Transfer-Encoding: base64",
        ], base64)
    }

    /// `="invite.ics"` for an ASCII name, else RFC 2231's `*=utf-8''…` percent-encoding.
    static func filenameParameter(_ filename: String) -> String {
        let safe = filename.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" }
        if safe { return "=\"\(filename)\"" }
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return "*=utf-8''" + (filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "attachment")
    }

    /// RFC 5322 §3.3 in UTC: `Wed, 02 Dec 2026 04:02:41 +0000`.
    static func dateHeader(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
