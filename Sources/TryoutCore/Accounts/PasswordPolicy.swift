/// What a new password must satisfy: a length that fits a passphrase and is not on the
/// list of passwords that attackers try first.
public enum PasswordPolicy {
    public static let minimumLength = 8
    public static let maximumLength = 128

    /// The reason the password is refused, or nil when it is acceptable.
    public static func problem(with password: String, email: String? = nil) -> String? {
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters."
        }
        if password.count > maximumLength {
            return "Use at most \(maximumLength) characters."
        }
        if !TextInput.isStorable(password) {
            // bcrypt stops reading at NUL, so such a password would be weaker than it looks.
            return "Use letters, digits, spaces and punctuation only."
        }
        let lowered = password.lowercased()
        if CommonPasswords.contains(lowered) {
            return "This password is too common; choose one that is harder to guess."
        }
        if let email, let local = email.split(separator: "@").first, lowered == local {
            return "Do not use your e-mail address as your password."
        }
        return nil
    }
}
