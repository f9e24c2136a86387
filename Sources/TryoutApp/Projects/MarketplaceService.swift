import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Why a search finds nothing, when the reason is a filter naming something unknown.
public struct SearchNotice: Codable, Equatable, Sendable {
    public var parameter: String
    public var message: String
    /// Known values near the one given ("did you mean"); may be empty.
    public var suggestions: [String]

    public init(parameter: String, message: String, suggestions: [String]) {
        self.parameter = parameter
        self.message = message
        self.suggestions = suggestions
    }
}

/// One page of the marketplace, or nothing and the notices saying why.
public struct MarketplaceResults: Sendable {
    public var projects: [ProjectListing] = []
    public var total = 0
    public var totalCapped = false
    /// The sort that picked among the newest matches only, when the count stopped with search words.
    public var cappedSort: ProjectSearchQuery.Sort?
    public var nextCursor: String?
    public var notices: [SearchNotice] = []

    public init() {}
}

/// Finding projects: the marketplace search, the newest public ones, and a single project as
/// far as the acting person (or the public) may see it.
public enum MarketplaceService {
    /// The page of projects the input finds for the acting person. Malformed parameters are
    /// field errors; a skill or organization this server does not know finds nothing, and a
    /// notice says why.
    public static func search(_ input: ProjectSearchInput, _ ctx: ActionContext) async throws -> MarketplaceResults {
        let search = try ValidatedProjectSearch(input)
        var query = search.query
        var results = MarketplaceResults()
        if let label = search.skillLabel {
            if let found = try await Taxonomy.skill(label: label, on: ctx.db) {
                query.skillURIs = [try found.requireID()]
            } else {
                let near = try await Taxonomy.suggestions(for: label, on: ctx.db)
                results.notices.append(SearchNotice(parameter: "skill", message: Taxonomy.unknownSkillMessage(label, suggestions: near),
                                                    suggestions: near))
            }
        }
        if let slug = search.organizationSlug {
            if let org = try await Organizations.find(slug: slug, on: ctx.db) {
                query.organizationID = try org.requireID()
            } else {
                results.notices.append(SearchNotice(parameter: "organization", message: "No organization has the address \"\(slug)\".",
                                                    suggestions: []))
            }
        }
        guard results.notices.isEmpty else { return results }
        let page = try await ProjectSearch.search(query, viewer: SearchViewer(ctx.principal), on: ctx.db)
        results.projects = try await Projects.listings(ids: page.projectIDs, on: ctx.db)
        results.total = page.total
        results.totalCapped = page.totalCapped
        if page.totalCapped && query.ordersNewestMatchesOnly { results.cappedSort = query.effectiveSort }
        results.nextCursor = page.nextCursor
        return results
    }

    /// The newest published public projects, for the home page.
    public static func latest(_ ctx: ActionContext) async throws -> [ProjectListing] {
        try await Projects.latestPublic(limit: 6, on: ctx.db)
    }

    /// The project if the acting person may read it, by its state and audience.
    public static func viewableProject(_ id: ProjectID, _ ctx: ActionContext) async throws -> ProjectRecord {
        guard let project = try await Projects.find(id: id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let audience = ProjectAccess.needsAudience(project.visibility) ? try await ProjectBriefs.audience(of: id.uuid, on: ctx.db) : ProjectAudience()
        guard ProjectAccess.canView(state: project.state, visibility: project.visibility, organizationID: project.$organization.id,
                                    partnerIDs: audience.partnerIDs, invitedEmails: audience.invitedEmails, viewer: ctx.principal)
        else { throw ActionError.notFound }
        return project
    }
}

extension SearchViewer {
    /// The searcher's organizations and proved address, for the marketplace's visibility rules.
    public init(_ principal: Principal?) {
        guard let principal else { self.init(); return }
        self.init(organizationIDs: Array(principal.memberships.keys), schoolIDs: Array(principal.schools), email: principal.verifiedEmail)
    }
}
