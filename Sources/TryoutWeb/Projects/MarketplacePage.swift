import Foundation
import Plot
import TryoutApp
import TryoutCore

struct MarketplacePage: Component {
    /// One page of results, or none and the notices saying why.
    struct Results {
        var cards: ProjectCards
        var total = 0
        var totalCapped = false
        var cappedSort: ProjectSearchQuery.Sort?
        var nextCursor: String?
        var notices: [SearchNotice] = []
    }

    var parameters: ProjectSearchInput
    var results: Results
    var errors: [FieldError]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Find a project")
            ErrorSummary(errors: errors)
            Tag("form", ["method": "get", "action": SiteURL.projects(.marketplace).path, "role": "search", "aria-label": "Search projects"]) {
                Field(name: "q", label: "Search", type: "search", value: parameters.q ?? "", required: false)
                Tag("details", errors.isEmpty && !hasFilters ? [:] : ["open": ""]) {
                    Tag.text("summary", "Filters")
                    Field(name: "skill", label: "Skill (ESCO)", value: parameters.skill ?? "", error: errors.message("skill"), required: false,
                          autocomplete: "off", extra: [SkillSuggestions.fieldAttribute])
                    Field(name: "minPay", label: "Pay at least", value: parameters.minPay ?? "", error: errors.message("minPay"), required: false)
                    SelectField(name: "currency", label: "Currency", options: BriefInput.currencies.map { ($0, $0) },
                                selected: (parameters.currency ?? "USD").uppercased(), error: errors.message("currency"))
                    Field(name: "minHours", label: "At least this many hours", type: "number", value: parameters.minHours ?? "",
                          error: errors.message("minHours"), required: false, extra: [("min", "0")])
                    Field(name: "maxHours", label: "At most this many hours", type: "number", value: parameters.maxHours ?? "",
                          error: errors.message("maxHours"), required: false, extra: [("min", "0")])
                    Field(name: "maxWeeks", label: "At most this many weeks", type: "number", value: parameters.maxWeeks ?? "",
                          error: errors.message("maxWeeks"), required: false, extra: [("min", "0")])
                    SelectField(name: "mode", label: "Where", options: [("", "Anywhere")] + LocationMode.allCases.map { ($0.rawValue, $0.label) },
                                selected: parameters.mode ?? "", error: errors.message("mode"))
                    Field(name: "deadlineAfter", label: "Applications still open after", type: "date", value: parameters.deadlineAfter ?? "",
                          error: errors.message("deadlineAfter"), required: false)
                    Field(name: "organization", label: "Organization address", value: parameters.organization ?? "",
                          error: errors.message("organization"), required: false)
                }
                SelectField(name: "sort", label: "Sort by", options: ProjectSearchQuery.Sort.allCases.map { ($0.rawValue, $0.label) },
                            selected: parameters.sort ?? ProjectSearchQuery.Sort.relevance.rawValue, error: errors.message("sort"))
                Submit("Search")
            }
            SkillSuggestions()
            if errors.isEmpty {
                // A live region around the heading: role="status" on the heading itself would hide its level.
                Tag("div", ["role": "status"]) {
                    Tag.text("h2", countText, ["id": "result-count"])
                    for notice in results.notices { Tag.text("p", notice.message, ["class": "notice"]) }
                }
                if let cappedText { Tag.text("p", cappedText) }
                results.cards
                if let nextCursor = results.nextCursor {
                    Tag("p", [:]) { Tag.link("Next page", to: nextURL(nextCursor), ["rel": "next"]) }
                }
            }
        }
    }

    private static let countLimit = ProjectSearchQuery.countLimit.formatted(.number.locale(Locale(identifier: "en_US")))

    private var countText: String {
        if results.totalCapped { return "More than \(Self.countLimit) projects" }
        return results.total == 1 ? "1 project" : "\(results.total) projects"
    }

    /// What a search with words shows when it has more matches than it orders.
    private var cappedText: String? {
        guard let sort = results.cappedSort else { return nil }
        let picked = switch sort {
        case .relevance: "The best matches among the newest \(Self.countLimit) come first."
        case .newest: "These are the newest \(Self.countLimit)."
        case .pay: "The highest-paid among the newest \(Self.countLimit) come first."
        case .deadline: "The soonest deadlines among the newest \(Self.countLimit) come first."
        }
        return picked + " Add words or filters to narrow the search."
    }

    private var hasFilters: Bool {
        [parameters.skill, parameters.minPay, parameters.mode, parameters.deadlineAfter, parameters.organization]
            .contains { !($0 ?? "").isEmpty } || [parameters.minHours, parameters.maxHours, parameters.maxWeeks].contains { !($0 ?? "").isEmpty }
    }

    private func nextURL(_ cursor: String) -> String {
        var components = URLComponents()
        components.path = SiteURL.projects(.marketplace).path
        let pairs: [(String, String?)] = [
            ("q", parameters.q), ("skill", parameters.skill), ("minPay", parameters.minPay), ("currency", parameters.currency),
            ("minHours", parameters.minHours), ("maxHours", parameters.maxHours),
            ("maxWeeks", parameters.maxWeeks), ("mode", parameters.mode), ("deadlineAfter", parameters.deadlineAfter),
            ("organization", parameters.organization), ("sort", parameters.sort), ("cursor", cursor),
        ]
        components.queryItems = pairs.compactMap { name, value in
            guard let value, !value.isEmpty else { return nil }
            return URLQueryItem(name: name, value: value)
        }
        return components.string ?? SiteURL.projects(.marketplace).path
    }
}
