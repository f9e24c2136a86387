/// How a person takes one kind of news by e-mail. In-app notifications do not depend on it:
/// they always arrive. Raw values are stored and sent over the API: never rename.
public enum MailPreference: String, Codable, CaseIterable, Sendable {
    case immediately
    case dailyDigest = "daily_digest"
    case off

    public var label: String {
        switch self {
        case .immediately: "Immediately"
        case .dailyDigest: "Daily digest"
        case .off: "Off"
        }
    }
}

extension NotificationCategory {
    /// What a person who never chose gets. Every kind starts as e-mail now, as Tryout sent it
    /// before people could choose: nobody stops hearing of an offer because a setting appeared.
    public var defaultPreference: MailPreference {
        switch self {
        case .applications, .decisions, .engagementActivity, .messages, .reminders: .immediately
        }
    }

    /// One sentence on what the kind covers, for the settings page and the API document.
    public var summary: String {
        switch self {
        case .applications: "Your own applications received, invitations to apply."
        case .decisions: "Shortlists, offers and other decisions on your applications."
        case .engagementActivity: "Places accepted, signatures, work submitted and reviewed in your engagements."
        case .messages: "Messages in your engagements' threads."
        case .reminders: "Offers about to lapse, check-ins, due deliverables, unsigned agreements, applications waiting."
        }
    }
}

/// A person's choice for every kind, the defaults filling in what they never chose.
public struct MailPreferences: Sendable, Equatable {
    public private(set) var choices: [NotificationCategory: MailPreference]

    public init(_ chosen: [NotificationCategory: MailPreference] = [:]) {
        choices = Dictionary(uniqueKeysWithValues: NotificationCategory.allCases.map { ($0, chosen[$0] ?? $0.defaultPreference) })
    }

    /// The stored values, as the API sends them.
    static let allowedValues = MailPreference.allCases.map(\.rawValue).joined(separator: ", ")

    public subscript(category: NotificationCategory) -> MailPreference {
        get { choices[category] ?? category.defaultPreference }
        set { choices[category] = newValue }
    }

    /// Checks what a form or the API sent, field by field (one field a kind, named by its raw
    /// value): a kind left out keeps `current`, an unknown value or kind is an error.
    public static func validated(_ fields: [String: String], current: MailPreferences) throws(ValidationFailure) -> MailPreferences {
        var result = current
        var errors: [FieldError] = []
        for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let category = NotificationCategory(rawValue: field) else {
                errors.append(FieldError(field, "There is no kind of notification called “\(field)”."))
                continue
            }
            guard let preference = MailPreference(rawValue: value) else {
                errors.append(FieldError(field, "\(category.label): choose immediately, daily digest or off (\(allowedValues))."))
                continue
            }
            result[category] = preference
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return result
    }
}
