import Testing
import TryoutTestSupport
@testable import TryoutWeb

/// The organizations, students and administration routes are registered from `SiteURL.Organizations`,
/// `SiteURL.Students` and `SiteURL.Admin`, and only those.
@Suite("Organization routes")
struct OrganizationRoutesTests {
    /// The paths these features answer at: the organization's own page and what starts so.
    private static let owned = ["orgs/:slug/members", "orgs/:slug/invitations", "orgs/:slug/audit", "orgs/:slug/settings",
                                "orgs/:slug/students", "invitations/", "students/join/", "settings/schools/", "admin/",
                                "api/v1/organizations/:slug/members", "api/v1/organizations/:slug/invitations",
                                "api/v1/organizations/:slug/audit-events", "api/v1/admin/"]

    private static func isOurs(_ path: String) -> Bool {
        path == "orgs/:slug" || owned.contains { path.hasPrefix($0) }
    }

    @Test("every route of the three is registered, and every registered route of theirs is one of them")
    func registeredFromSiteURL() async throws {
        try await withTestApp { t in
            let registered = Set(t.app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            let described = Set(SiteURL.Organizations.templates.map(\.path) + SiteURL.Students.templates.map(\.path)
                + SiteURL.Admin.templates.map(\.path)).map { String($0.dropFirst()) }
            #expect(Set(described).subtracting(registered).isEmpty)
            let ours = registered.filter(Self.isOurs)
            #expect(ours == Set(described))
        }
    }
}
