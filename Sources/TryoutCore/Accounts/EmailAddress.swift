import Foundation

/// A syntactically plausible e-mail address, stored lower-cased so that sign-in is case-insensitive.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Accepts `local@domain.tld` with no spaces; anything stricter only rejects real addresses.
    public init?(_ raw: String) {
        let text = TextInput.trimmed(raw).lowercased()
        guard text.count <= 254,
              let at = text.firstIndex(of: "@"),
              text.filter({ $0 == "@" }).count == 1,
              TextInput.isStorable(text),
              !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        else { return nil }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.count <= 64,
              domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else { return nil }
        value = text
    }

    public var description: String { value }
}

extension EmailAddress {
    public static let maxListCount = 100

    /// The addresses to invite from one pasted field: at least one, at most `maxListCount`, all valid.
    public static func invitationList(_ text: String, field: String) throws(ValidationFailure) -> [EmailAddress] {
        let (addresses, invalid) = list(text)
        var v = Validator()
        v.check(invalid.isEmpty, field, "These are not e-mail addresses: \(invalid.prefix(5).joined(separator: ", ")).")
        v.check(!addresses.isEmpty || !invalid.isEmpty, field, "Enter at least one e-mail address.")
        v.check(addresses.count <= maxListCount, field, "Invite at most \(maxListCount) people at a time.")
        try v.finish()
        return addresses
    }

    /// Addresses pasted into one field, separated by commas, semicolons, spaces or lines: the good
    /// ones once each, in order, and the words that are not addresses.
    public static func list(_ text: String) -> (addresses: [EmailAddress], invalid: [String]) {
        var addresses: [EmailAddress] = []
        var invalid: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" }) {
            if let address = EmailAddress(String(word)) {
                if !addresses.contains(address) { addresses.append(address) }
            } else {
                invalid.append(String(word))
            }
        }
        return (addresses, invalid)
    }
}
