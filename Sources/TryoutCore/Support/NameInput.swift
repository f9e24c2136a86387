/// Names of people and organizations: one line of text. A name is printed into agreements,
/// e-mails, page titles and audit entries; a line break or a tab in it could pass for a heading,
/// a new clause or a second field there.
public enum NameInput {
    public static let maxLength = 100

    /// True when the text has no control character of any kind (tabs and line breaks included)
    /// and no Unicode line or paragraph separator.
    public static func isOneLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.generalCategory != .control && scalar != "\u{2028}" && scalar != "\u{2029}"
        }
    }
}

extension Validator {
    /// A required name, trimmed: one line of at most `maxLength` characters.
    public mutating func name(_ value: String?, _ field: String, label: String, maxLength: Int = NameInput.maxLength) -> String {
        let known = errors.count
        let text = required(value, field, label: label, maxLength: maxLength)
        if errors.count == known {
            check(NameInput.isOneLine(text), field, "\(label) must be one line, without tabs or line breaks.")
        }
        return text
    }
}
