import Foundation
import Testing
import TryoutCore
import TryoutTestSupport
@testable import TryoutWeb

/// The projects feature's routes and the site's own are registered from `SiteURL.Projects` and
/// `SiteURL.Site`, and only those; their links read as they always have.
@Suite("Project routes")
struct ProjectRoutesTests {
    /// The paths these features answer at, by their first segments.
    private static let owned = [
        "^$",
        "^assets/",
        "^projects(/:projectID)?$",
        "^projects/:projectID/(edit|publish|close|cancel|duplicate|onboarding)$",
        "^orgs/:slug/projects(/new)?$",
        "^api/v1/projects(/:projectID)?$",
        "^api/v1/projects/:projectID/(publish|close)$",
        "^api/v1/organizations/:slug/projects$",
    ].joined(separator: "|")

    @Test("every route of SiteURL.Projects and SiteURL.Site is registered, and every registered route of theirs is one of them")
    func registeredFromSiteURL() async throws {
        try await withTestApp { t in
            let registered = Set(t.app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            let described = Set((SiteURL.Projects.templates.map(\.path) + SiteURL.Site.templates.map(\.path)).map { String($0.dropFirst()) })
            #expect(described.subtracting(registered).isEmpty)
            let owned = try Regex(Self.owned)
            #expect(registered.filter { $0.contains(owned) } == described)
        }
    }

    @Test("links: a template's id shows as it is, ids in lower case")
    func links() throws {
        let id = ProjectID(try #require(UUID(uuidString: "6F1C2A4E-0000-4000-8000-00000000000A")))
        #expect(SiteURL.projects(.newProject(.value("acme"), template: "data-analysis")).path == "/orgs/acme/projects/new?template=data-analysis")
        #expect(SiteURL.projects(.newProject(.value("acme"))).path == "/orgs/acme/projects/new")
        #expect(SiteURL.projects(.project(.value(id), .publish)).path == "/projects/6f1c2a4e-0000-4000-8000-00000000000a/publish")
        #expect(SiteURL.projects(.api(.organizationProjects(.value("acme")))).path == "/api/v1/organizations/acme/projects")
        #expect(SiteURL.site(.home).path == "/" && SiteURL.site(.stylesheet).path == "/assets/site.css")
    }
}
