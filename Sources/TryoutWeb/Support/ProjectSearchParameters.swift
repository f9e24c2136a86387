import Fluent
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Marketplace parameters as they come in a URL (the search form and `/api/v1/projects` share
/// them), checked into a search query. Malformed values are field errors; a skill or organization
/// this server does not know is a well-formed search that finds nothing, with a notice saying why.
struct ProjectSearchParameters: Content {
    var q: String?
    var skill: String?
    var minPay: String?
    var currency: String?
    var minHours: String?
    var maxHours: String?
    var maxWeeks: String?
    var mode: String?
    var deadlineAfter: String?
    var organization: String?
    var sort: String?
    var limit: String?
    var cursor: String?

    /// The page of projects these parameters find for the visitor.
    func results(_ req: Request) async throws -> MarketplaceResults {
        let (query, notices) = try await query(on: req.db)
        guard notices.isEmpty else { return MarketplaceResults(notices: notices) }
        let page = try await ProjectSearch.search(query, viewer: try await req.searchViewer(), on: req.db)
        return MarketplaceResults(projects: try await Projects.list(ids: page.projectIDs, on: req.db), total: page.total,
                                  totalCapped: page.totalCapped, nextCursor: page.nextCursor)
    }

    /// The query, and notices for filters nothing can match (then there is nothing to search).
    private func query(on db: any Database) async throws -> (ProjectSearchQuery, [SearchNotice]) {
        var query = ProjectSearchQuery()
        var notices: [SearchNotice] = []
        var v = Validator()
        query.text = String((q ?? "").prefix(200))
        if let label = skill?.trimmingCharacters(in: .whitespaces), !label.isEmpty {
            if !TextInput.isStorable(label) {
                v.add(FieldError("skill", "The skill contains control characters; remove them."))
            } else if let found = try await Taxonomy.skill(label: label, on: db) {
                query.skillURIs = [try found.requireID()]
            } else {
                let near = try await Taxonomy.suggestions(for: label, on: db)
                notices.append(SearchNotice(parameter: "skill", message: Taxonomy.unknownSkillMessage(label, suggestions: near), suggestions: near))
            }
        }
        let code = (currency ?? "").isEmpty ? "USD" : currency!.uppercased()
        if !BriefInput.currencies.contains(code) { v.add(FieldError("currency", "Choose a supported currency.")) }
        if let raw = minPay?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, BriefInput.currencies.contains(code) {
            if let money = Money.parse(raw, currency: code) {
                query.minimumPay = money
            } else {
                v.add(FieldError("minPay", "Enter the pay as an amount, like 500."))
            }
        }
        func number(_ name: String, _ raw: String?) -> Int? {
            guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let value = Int(raw), (0...1000).contains(value) else {
                v.add(FieldError(name, "\(name) must be a whole number from 0 to 1000."))
                return nil
            }
            return value
        }
        query.minimumHours = number("minHours", minHours)
        query.maximumHours = number("maxHours", maxHours)
        query.maximumWeeks = number("maxWeeks", maxWeeks)
        if let mode, !mode.isEmpty {
            if let parsed = LocationMode(rawValue: mode) { query.locationModes = [parsed] } else { v.add(FieldError("mode", "Choose remote, hybrid or on_site.")) }
        }
        if let raw = deadlineAfter, !raw.isEmpty {
            if let date = BriefInput.parseDay(raw) {
                query.deadlineAfter = date
            } else {
                v.add(FieldError("deadlineAfter", "Give a date like 2026-03-01."))
            }
        }
        if let slug = organization, !slug.isEmpty {
            if !Slug.isValid(slug) {
                v.add(FieldError("organization", "An organization address has lower-case letters, digits and hyphens only."))
            } else if let org = try await Organizations.find(slug: slug, on: db) {
                query.organizationID = try org.requireID()
            } else {
                notices.append(SearchNotice(parameter: "organization", message: "No organization has the address \"\(slug)\".", suggestions: []))
            }
        }
        if let sort, !sort.isEmpty {
            if let parsed = ProjectSearchQuery.Sort(rawValue: sort) { query.sort = parsed } else { v.add(FieldError("sort", "Sort by relevance, newest, pay or deadline.")) }
        } else if !query.terms.isEmpty {
            query.sort = .relevance
        }
        if let limit, !limit.isEmpty {
            if let value = Int(limit), (1...ProjectSearchQuery.maxLimit).contains(value) {
                query.limit = value
            } else {
                v.add(FieldError("limit", "limit must be a whole number from 1 to 100."))
            }
        }
        query.cursor = cursor
        try v.finish()
        return (query, notices)
    }
}

/// Why a search finds nothing, when the reason is a filter naming something unknown.
struct SearchNotice: Content, Equatable {
    var parameter: String
    var message: String
    /// Known values near the one given ("did you mean"); may be empty.
    var suggestions: [String]
}

/// One page of the marketplace, or nothing and the notices saying why.
struct MarketplaceResults {
    var projects: [ProjectRecord] = []
    var total = 0
    var totalCapped = false
    var nextCursor: String?
    var notices: [SearchNotice] = []
}

extension Request {
    /// The searcher's organizations and proved address, for the marketplace's visibility rules.
    func searchViewer() async throws -> SearchViewer {
        guard let principal = try await principal() else { return SearchViewer() }
        return SearchViewer(organizationIDs: Array(principal.memberships.keys), schoolIDs: Array(principal.schools), email: principal.verifiedEmail)
    }
}
