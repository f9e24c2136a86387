import Foundation

/// How a project's versions are reviewed: by how many people, chosen how, whether they see who
/// did the work, and how long a version may wait for a decision before it is accepted anyway.
public struct ReviewSettings: Sendable, Equatable, Codable {
    public enum Rotation: String, Sendable, Codable, CaseIterable {
        /// The first reviewers of the project's list score every version.
        case fixed
        /// Versions take turns through the list, so the work is shared.
        case roundRobin = "round_robin"

        public var label: String {
            switch self {
            case .fixed: "The same reviewers score every version"
            case .roundRobin: "Reviewers take turns (round-robin)"
            }
        }
    }

    public static let panelSizes = 1...5
    public static let autoAcceptDays = 3...30

    /// Scorecards wanted per version, from the project's reviewers.
    public var panelSize: Int = 1
    public var rotation: Rotation = .fixed
    /// The deciding manager scores too, before seeing the panel. Always so when the project has
    /// no reviewers of its own: then the manager is the panel.
    public var managerScores: Bool = false
    /// Reviewers other than managers see the applicant's handle, not the person.
    public var blind: Bool = true
    /// A version without a decision this many days after it was handed in is accepted.
    public var autoAcceptDays: Int = 14

    public init() {}

    public init(panelSize: String, rotation: String, managerScores: Bool, blind: Bool, autoAcceptDays: String) throws(ValidationFailure) {
        var v = Validator()
        let size = Int(TextInput.trimmed(panelSize))
        v.check(size.map(Self.panelSizes.contains) == true, "panelSize", "Choose 1 to 5 reviewers per version.")
        let chosen = Rotation(rawValue: rotation)
        v.check(chosen != nil, "rotation", "Choose how reviewers are picked.")
        let days = Int(TextInput.trimmed(autoAcceptDays))
        v.check(days.map(Self.autoAcceptDays.contains) == true, "autoAcceptDays", "Choose 3 to 30 days.")
        try v.finish()
        self.panelSize = size ?? 1
        self.rotation = chosen ?? .fixed
        self.managerScores = managerScores
        self.blind = blind
        self.autoAcceptDays = days ?? 14
    }

    /// Who scores the version numbered `sequence` (0 for the project's first) from the project's
    /// reviewers, in their order: the first `panelSize`, or the next `panelSize` in turn.
    public func panel<ID>(from reviewers: [ID], sequence: Int) -> [ID] {
        guard !reviewers.isEmpty else { return [] }
        let size = min(panelSize, reviewers.count)
        switch rotation {
        case .fixed: return Array(reviewers.prefix(size))
        case .roundRobin:
            let start = (sequence * size) % reviewers.count
            return (0..<size).map { reviewers[(start + $0) % reviewers.count] }
        }
    }

    /// Whether deciding on a version needs the manager's own scorecard first.
    public func managerMustScore(panelIsEmpty: Bool) -> Bool { managerScores || panelIsEmpty }
}
