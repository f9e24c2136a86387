import Foundation

/// What text Tryout agrees to store. Control characters (C0 other than tab, newlines, vertical tab
/// and form feed; DEL; C1) have no place in names or messages, and PostgreSQL refuses NUL outright.
public enum TextInput {
    public static func isStorable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isAllowed)
    }

    /// Spaces and line breaks as JSON Schema's `\s` knows them: Foundation's, less NEL (a C1
    /// control, refused rather than trimmed), plus the byte-order mark.
    static let blank = CharacterSet.whitespacesAndNewlines.subtracting(CharacterSet(charactersIn: "\u{85}"))
        .union(CharacterSet(charactersIn: "\u{FEFF}"))

    /// The text without leading and trailing blanks, so that the server and the API document
    /// agree on what counts as empty.
    public static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: blank)
    }

    /// The text without the characters `isStorable` refuses, for logging what someone typed.
    public static func storable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D: true
        case 0x00...0x1F, 0x7F...0x9F: false
        default: true
        }
    }
}
