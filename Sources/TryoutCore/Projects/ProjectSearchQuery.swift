import Foundation

/// What someone asked the marketplace for: words, filters, an order and a page.
public struct ProjectSearchQuery: Equatable, Sendable {
    public enum Sort: String, CaseIterable, Sendable {
        case relevance, newest, pay, deadline

        public var label: String {
            switch self {
            case .relevance: "Best match (newest without words)"
            case .newest: "Newest"
            case .pay: "Highest pay"
            case .deadline: "Deadline soonest"
            }
        }
    }

    public static let defaultLimit = 20
    public static let maxLimit = 100
    /// Counts stop here ("more than 500 projects"), and with search words every sort orders the
    /// newest matches only, one past this many: further down, results are noise that costs as much
    /// as the first ones (at 100,000 projects, 1,000 doubled the slowest searches to 23 ms).
    public static let countLimit = 500

    public var text: String = ""
    public var skillURIs: [String] = []
    /// Pay for the whole project at least this much, in the same currency.
    public var minimumPay: Money?
    public var minimumHours: Int?
    public var maximumHours: Int?
    public var maximumWeeks: Int?
    public var locationModes: [LocationMode] = []
    public var deadlineAfter: Date?
    public var organizationID: UUID?
    public var sort: Sort = .newest
    public var limit: Int = ProjectSearchQuery.defaultLimit
    public var cursor: String?

    public init() {}

    /// The words of the text query, lower-cased, letters and digits only, at most eight.
    public var terms: [String] {
        Array(text.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map { String($0.prefix(40)) }
            .prefix(8))
    }

    /// Relevance needs words to rank by; without them the newest come first.
    public var effectiveSort: Sort {
        sort == .relevance && terms.isEmpty ? .newest : sort
    }

    /// With search words every sort orders the newest matches only (`countLimit`), so when the
    /// count stops, the results are this sort's pick of those; without words the sort reaches all.
    public var ordersNewestMatchesOnly: Bool { !terms.isEmpty }
}
