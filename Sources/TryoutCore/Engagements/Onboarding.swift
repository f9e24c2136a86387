import Foundation

/// One thing to get done in the first week, and which side does it.
public struct ChecklistItem: Sendable, Equatable, Codable {
    public var title: String
    public var owner: EngagementSide

    public init(title: String, owner: EngagementSide) {
        self.title = title
        self.owner = owner
    }
}

/// The onboarding checklist that squeezes a first month into a first week.
public enum Onboarding {
    public static let maxItems = 12

    /// Every project starts with these until its team writes its own.
    public static let defaults: [ChecklistItem] = [
        ChecklistItem(title: "Hold the kickoff call", owner: .employer),
        ChecklistItem(title: "Grant access to the tools and data", owner: .employer),
        ChecklistItem(title: "Book the first check-in", owner: .candidate),
        ChecklistItem(title: "Ask and answer questions about the brief", owner: .candidate),
    ]

    /// A project's checklist from its form rows (`title.N`, `owner.N`); blank rows are skipped.
    public static func validated(titles: [String], owners: [String]) throws(ValidationFailure) -> [ChecklistItem] {
        var v = Validator()
        var items: [ChecklistItem] = []
        for (index, raw) in titles.enumerated() where !TextInput.trimmed(raw).isEmpty {
            let title = v.required(raw, "title.\(index)", label: "Item \(index + 1)")
            let owner = EngagementSide(rawValue: index < owners.count ? owners[index] : "")
            v.check(owner != nil, "owner.\(index)", "Choose who does item \(index + 1).")
            items.append(ChecklistItem(title: title, owner: owner ?? .employer))
        }
        v.check(!items.isEmpty, "title.0", "Add at least one item.")
        v.check(items.count <= maxItems, "title.0", "A checklist has at most \(maxItems) items.")
        try v.finish()
        return items
    }
}
