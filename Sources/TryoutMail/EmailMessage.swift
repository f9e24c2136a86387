import Foundation

/// A person's address with the name shown beside it: `Zoë Ångström 山田 <zoe@example.com>`.
public struct Mailbox: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Reads `Name <address>` or a bare address, as `TRYOUT_MAIL_FROM` is written.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            self.init(name: name.isEmpty ? nil : name, address: String(address))
        } else {
            self.init(address: trimmed)
        }
        guard Self.isPlausible(address) else { return nil }
    }

    /// One `@` with text either side, and nothing that could end a header or an SMTP command.
    static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
    }

    /// The part after `@`, which Message-IDs end with.
    public var domain: String { address.split(separator: "@").last.map(String.init) ?? "localhost" }
}

/// A file sent with a message.
public struct EmailAttachment: Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// Everything `MessageWriter` turns into RFC 5322 text.
public struct EmailMessage: Sendable, Equatable {
    /// Unique and stable for this message: the Message-ID and MIME boundaries are made from it,
    /// so a retried delivery is the same message and a receiver can tell a repeat.
    public var id: String
    public var date: Date
    public var from: Mailbox
    public var to: Mailbox
    public var subject: String
    public var text: String
    public var html: String
    public var attachments: [EmailAttachment]
    /// A one-click unsubscribe address (RFC 8058); nil for mail a person cannot turn off.
    public var unsubscribeURL: String?

    public init(id: String, date: Date, from: Mailbox, to: Mailbox, subject: String, text: String, html: String,
                attachments: [EmailAttachment] = [], unsubscribeURL: String? = nil) {
        self.id = id
        self.date = date
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.unsubscribeURL = unsubscribeURL
    }

    public var messageID: String { "<\(id)@\(from.domain)>" }
}
