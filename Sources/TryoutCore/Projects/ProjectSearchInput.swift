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

    /// Checks every parameter and lists every malformed one, in the form's order.
    public init(_ input: ProjectSearchInput) throws(ValidationFailure) {
        var v = Validator()
        var query = ProjectSearchQuery()
        query.text = String((input.q ?? "").prefix(200))
        skillLabel = Self.skill(input.skill, &v)
        query.minimumPay = Self.minimumPay(input.minPay, currency: input.currency, &v)
        query.minimumHours = Self.number("minHours", input.minHours, &v)
        query.maximumHours = Self.number("maxHours", input.maxHours, &v)
        query.maximumWeeks = Self.number("maxWeeks", input.maxWeeks, &v)
        query.locationModes = Self.mode(input.mode, &v)
        query.deadlineAfter = Self.deadline(input.deadlineAfter, &v)
        organizationSlug = Self.organization(input.organization, &v)
        query.sort = Self.sort(input.sort, hasTerms: !query.terms.isEmpty, &v)
        query.limit = Self.limit(input.limit, &v)
        query.cursor = input.cursor
        try v.finish()
        self.query = query
    }

    private static func skill(_ raw: String?, _ v: inout Validator) -> String? {
        guard let label = raw?.trimmingCharacters(in: .whitespaces), !label.isEmpty else { return nil }
        guard TextInput.isStorable(label) else {
            v.add(FieldError("skill", "The skill contains control characters; remove them."))
            return nil
        }
        return label
    }

    /// Pay in the currency asked for (US dollars when none is); an unsupported currency is the
    /// only error then, as no amount can be read in it.
    private static func minimumPay(_ raw: String?, currency: String?, _ v: inout Validator) -> Money? {
        let code = (currency ?? "").isEmpty ? "USD" : (currency ?? "").uppercased()
        guard BriefInput.currencies.contains(code) else {
            v.add(FieldError("currency", "Choose a supported currency."))
            return nil
        }
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let money = Money.parse(raw, currency: code) else {
            v.add(FieldError("minPay", "Enter the pay as an amount, like 500."))
            return nil
        }
        return money
    }

    private static func mode(_ raw: String?, _ v: inout Validator) -> [LocationMode] {
        guard let raw, !raw.isEmpty else { return [] }
        guard let mode = LocationMode(rawValue: raw) else {
            v.add(FieldError("mode", "Choose remote, hybrid or on_site."))
            return []
        }
        return [mode]
    }

    private static func deadline(_ raw: String?, _ v: inout Validator) -> Date? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let date = BriefInput.parseDay(raw) else {
            v.add(FieldError("deadlineAfter", "Give a date like 2026-03-01."))
            return nil
        }
        return date
    }

    private static func organization(_ raw: String?, _ v: inout Validator) -> String? {
        guard let slug = raw, !slug.isEmpty else { return nil }
        guard Slug.isValid(slug) else {
            v.add(FieldError("organization", "An organization address has lower-case letters, digits and hyphens only."))
            return nil
        }
        return slug
    }

    /// The order asked for; without one, words rank by relevance and no words show the newest.
    private static func sort(_ raw: String?, hasTerms: Bool, _ v: inout Validator) -> ProjectSearchQuery.Sort {
        guard let raw, !raw.isEmpty else { return hasTerms ? .relevance : .newest }
        guard let sort = ProjectSearchQuery.Sort(rawValue: raw) else {
            v.add(FieldError("sort", "Sort by relevance, newest, pay or deadline."))
            return .newest
        }
        return sort
    }

    private static func limit(_ raw: String?, _ v: inout Validator) -> Int {
        guard let raw, !raw.isEmpty else { return ProjectSearchQuery.defaultLimit }
        guard let value = Int(raw), (1...ProjectSearchQuery.maxLimit).contains(value) else {
            v.add(FieldError("limit", "limit must be a whole number from 1 to 100."))
            return ProjectSearchQuery.defaultLimit
        }
        return value
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
