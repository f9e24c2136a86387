/// The kinds of news a person hears of, each of which they may take by e-mail now, in a daily
/// digest, or not at all. The raw values are stored and appear in unsubscribe links: never rename.
public enum NotificationCategory: String, Codable, CaseIterable, Sendable {
    case applications
    case decisions
    case engagementActivity = "engagement_activity"
    case messages
    case reminders

    /// How settings pages and e-mail footers name the kind.
    public var label: String {
        switch self {
        case .applications: "Applications"
        case .decisions: "Decisions"
        case .engagementActivity: "Engagement activity"
        case .messages: "Messages"
        case .reminders: "Reminders"
        }
    }
}
