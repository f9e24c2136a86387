/// What text Tryout agrees to store. Control characters (C0 other than tab, newlines, vertical tab
/// and form feed; DEL; C1) have no place in names or messages, and PostgreSQL refuses NUL outright.
public enum TextInput {
    public static func isStorable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isAllowed)
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
