import Foundation

/// Where a person may be sent after signing in: only a path on this site. An open redirect
/// would make a phishing link look like Tryout's.
public enum RedirectTarget {
    /// `next` if it is a same-site path: one leading `/` followed by neither `/` nor `\`, and no
    /// control character or blank anywhere once percent-decoded (browsers drop tabs and line
    /// breaks, so `/\t/evil.example` would reach another site). Anything else is nil.
    public static func samePath(_ next: String?) -> String? {
        guard let next, let decoded = next.removingPercentEncoding else { return nil }
        for text in [next, decoded] {
            let scalars = Array(text.unicodeScalars)
            guard scalars.first == "/" else { return nil }
            if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return nil }
            if scalars.contains(where: isForbidden) { return nil }
        }
        return next
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        CharacterSet.whitespacesAndNewlines.contains(scalar) || CharacterSet.controlCharacters.contains(scalar)
            || CharacterSet.illegalCharacters.contains(scalar) || scalar == "\u{FEFF}"
    }
}
