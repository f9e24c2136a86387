import Testing
import TryoutTestSupport
@testable import TryoutWeb

/// The engagement routes (pages, forms, agreement templates, the calendar and the API) are
/// registered from `SiteURL.Engagements`, and only those.
@Suite("Engagement routes")
struct EngagementRoutesTests {
    private static let owned = ["engagements", "orgs/:slug/agreements", "settings/calendar", "calendar/", "api/v1/engagements"]

    @Test("every engagement route is registered, and every registered route of the feature is one of them")
    func registeredFromSiteURL() async throws {
        try await withTestApp { t in
            let registered = Set(t.app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            let described = Set(SiteURL.Engagements.templates.map { String($0.path.dropFirst()) })
            #expect(described.subtracting(registered).isEmpty)
            #expect(registered.filter { path in Self.owned.contains { path.hasPrefix($0) } } == described)
        }
    }
}
