/// What a one-click unsubscribe link turns off: one kind of mail, or the daily digest (every
/// kind the person takes in the digest). Its raw value is signed into the link: never rename.
public enum UnsubscribeScope: Sendable, Equatable, Hashable {
    case category(NotificationCategory)
    case digest

    public init?(rawValue: String) {
        if rawValue == "digest" { self = .digest; return }
        guard let category = NotificationCategory(rawValue: rawValue) else { return nil }
        self = .category(category)
    }

    public var rawValue: String {
        switch self {
        case .category(let category): category.rawValue
        case .digest: "digest"
        }
    }

    /// How the confirmation page names what stops.
    public var label: String {
        switch self {
        case .category(let category): "e-mails about \(category.label.lowercased())"
        case .digest: "the daily digest"
        }
    }

    /// The preferences after unsubscribing: the kind goes off, or for the digest every kind
    /// that went into it. Kinds sent immediately stay as they are: the person did not ask.
    public func applied(to preferences: MailPreferences) -> MailPreferences {
        var result = preferences
        switch self {
        case .category(let category):
            result[category] = .off
        case .digest:
            for category in NotificationCategory.allCases where result[category] == .dailyDigest { result[category] = .off }
        }
        return result
    }
}
