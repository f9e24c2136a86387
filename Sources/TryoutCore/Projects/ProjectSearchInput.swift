import Foundation

/// Marketplace parameters as they come in a URL: the search form and `/api/v1/projects` share
/// them. Every value is text, so that a malformed one is a field error worded here rather than
/// a decoding failure.
public struct ProjectSearchInput: Codable, Equatable, Sendable {
    public var q: String?
    public var skill: String?
    public var minPay: String?
    public var currency: String?
    public var minHours: String?
    public var maxHours: String?
    public var maxWeeks: String?
    public var mode: String?
    public var deadlineAfter: String?
    public var organization: String?
    public var sort: String?
    public var limit: String?
    public var cursor: String?

    public init(q: String? = nil, skill: String? = nil, minPay: String? = nil, currency: String? = nil, minHours: String? = nil,
                maxHours: String? = nil, maxWeeks: String? = nil, mode: String? = nil, deadlineAfter: String? = nil,
                organization: String? = nil, sort: String? = nil, limit: String? = nil, cursor: String? = nil) {
        self.q = q
        self.skill = skill
        self.minPay = minPay
        self.currency = currency
        self.minHours = minHours
        self.maxHours = maxHours
        self.maxWeeks = maxWeeks
        self.mode = mode
        self.deadlineAfter = deadlineAfter
        self.organization = organization
        self.sort = sort
        self.limit = limit
        self.cursor = cursor
    }
}

/// A well-formed search, with the names it filters by still to be looked up: a skill or an
/// organization this server does not know makes a search that finds nothing (the caller says
/// why), not a malformed one.
public struct ValidatedProjectSearch: Equatable, Sendable {
    public var query: ProjectSearchQuery
    /// The skill label asked for, trimmed; its URI fills `query.skillURIs`.
    public var skillLabel: String?
    /// The organization address asked for; its id fills `query.organizationID`.
    public var organizationSlug: String?

    /// Checks every parameter and lists every malformed one.
    public init(_ input: ProjectSearchInput) throws(ValidationFailure) {
        var query = ProjectSearchQuery()
        var v = Validator()
        query.text = String((input.q ?? "").prefix(200))
        if let label = input.skill?.trimmingCharacters(in: .whitespaces), !label.isEmpty {
            if TextInput.isStorable(label) {
                skillLabel = label
            } else {
                v.add(FieldError("skill", "The skill contains control characters; remove them."))
            }
        }
        let code = (input.currency ?? "").isEmpty ? "USD" : (input.currency ?? "").uppercased()
        if !BriefInput.currencies.contains(code) { v.add(FieldError("currency", "Choose a supported currency.")) }
        if let raw = input.minPay?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, BriefInput.currencies.contains(code) {
            if let money = Money.parse(raw, currency: code) {
                query.minimumPay = money
            } else {
                v.add(FieldError("minPay", "Enter the pay as an amount, like 500."))
            }
        }
        query.minimumHours = Self.number("minHours", input.minHours, &v)
        query.maximumHours = Self.number("maxHours", input.maxHours, &v)
        query.maximumWeeks = Self.number("maxWeeks", input.maxWeeks, &v)
        if let mode = input.mode, !mode.isEmpty {
            if let parsed = LocationMode(rawValue: mode) { query.locationModes = [parsed] } else { v.add(FieldError("mode", "Choose remote, hybrid or on_site.")) }
        }
        if let raw = input.deadlineAfter, !raw.isEmpty {
            if let date = BriefInput.parseDay(raw) {
                query.deadlineAfter = date
            } else {
                v.add(FieldError("deadlineAfter", "Give a date like 2026-03-01."))
            }
        }
        if let slug = input.organization, !slug.isEmpty {
            if Slug.isValid(slug) {
                organizationSlug = slug
            } else {
                v.add(FieldError("organization", "An organization address has lower-case letters, digits and hyphens only."))
            }
        }
        if let sort = input.sort, !sort.isEmpty {
            if let parsed = ProjectSearchQuery.Sort(rawValue: sort) { query.sort = parsed } else { v.add(FieldError("sort", "Sort by relevance, newest, pay or deadline.")) }
        } else if !query.terms.isEmpty {
            query.sort = .relevance
        }
        if let limit = input.limit, !limit.isEmpty {
            if let value = Int(limit), (1...ProjectSearchQuery.maxLimit).contains(value) {
                query.limit = value
            } else {
                v.add(FieldError("limit", "limit must be a whole number from 1 to 100."))
            }
        }
        query.cursor = input.cursor
        try v.finish()
        self.query = query
    }

    /// A count filter: blank is no filter, anything but a whole number from 0 to 1000 an error.
    private static func number(_ name: String, _ raw: String?, _ v: inout Validator) -> Int? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = Int(raw), (0...1000).contains(value) else {
            v.add(FieldError(name, "\(name) must be a whole number from 0 to 1000."))
            return nil
        }
        return value
    }
}
