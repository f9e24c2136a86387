import Testing
import TryoutTestSupport
@testable import TryoutWeb

/// The applications feature's routes are registered from `SiteURL.Applications`, and only those.
@Suite("Application routes")
struct ApplicationRoutesTests {
    /// The paths this feature answers at, by their first segments.
    private static let owned = [
        "^(applications|notifications)(/|$)",
        "^projects/:projectID/(apply|applicants|screening|candidates|fairness)(/|$)",
        "^orgs/:slug/fairness$",
        "^api/v1/me/(applications|recommendations|notifications)(/|$)",
        "^api/v1/projects/:projectID/(applications|applicants|decisions|screening|fairness)(/|$)",
        "^api/v1/organizations/:slug/fairness$",
    ].joined(separator: "|")

    @Test("every route of SiteURL.Applications is registered, and every registered route of the feature is one of them")
    func registeredFromSiteURL() async throws {
        try await withTestApp { t in
            let registered = Set(t.app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            let described = Set(SiteURL.Applications.templates.map { String($0.path.dropFirst()) })
            #expect(described.subtracting(registered).isEmpty)
            let owned = try Regex(Self.owned)
            let ours = registered.filter { $0.contains(owned) }
            #expect(ours == described)
        }
    }
}
