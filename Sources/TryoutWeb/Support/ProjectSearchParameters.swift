import Fluent
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Marketplace parameters as they come in a URL (the search form and `/api/v1/projects` share
/// them), checked into a search query; unknown skills and organizations are field errors.
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

    func query(on db: any Database) async throws -> ProjectSearchQuery {
        var query = ProjectSearchQuery()
        var v = Validator()
        query.text = String((q ?? "").prefix(200))
        if let label = skill?.trimmingCharacters(in: .whitespaces), !label.isEmpty {
            if !TextInput.isStorable(label) {
                v.add(FieldError("skill", "The skill contains control characters; remove them."))
            } else if let found = try await Taxonomy.skill(label: label, on: db) {
                query.skillURIs = [try found.requireID()]
            } else {
                v.add(FieldError("skill", try await Taxonomy.unknownSkillMessage(label, on: db)))
            }
        }
        let code = (currency ?? "").isEmpty ? "USD" : currency!
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
            if Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: db) {
                query.organizationID = try org.requireID()
            } else {
                v.add(FieldError("organization", "No organization has the address \"\(slug)\"."))
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
        return query
    }
}

extension Request {
    /// The searcher's organizations and address, for the marketplace's visibility rules.
    func searchViewer() async throws -> SearchViewer {
        guard let principal = try await principal() else { return SearchViewer() }
        return SearchViewer(organizationIDs: Array(principal.memberships.keys), schoolIDs: Array(principal.schools), email: user?.email)
    }
}
