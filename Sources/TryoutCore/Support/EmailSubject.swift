import Foundation

/// An e-mail subject: one line, whatever text it quotes (an ending reason or a project title may
/// hold line breaks), so it can never add a header; long ones are cut with an ellipsis.
public enum EmailSubject {
    public static let maxLength = 200

    public static func line(_ raw: String) -> String {
        let words = raw.unicodeScalars.split { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        let line = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        guard line.count > maxLength else { return line }
        return line.prefix(maxLength - 1) + "…"
    }
}
