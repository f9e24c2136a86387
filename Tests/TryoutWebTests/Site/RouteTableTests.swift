import Foundation
import Testing
import TryoutCore
import TryoutTestSupport
@testable import TryoutWeb

/// Every route the server answers is a `SiteURL` case and every case is answered, and links
/// read as they always have.
@Suite("Route table")
struct RouteTableTests {
    @Test("every registered route, pages and API, is a SiteURL template, and every template is registered")
    func registeredFromSiteURL() async throws {
        try await withTestApp { t in
            let registered = Set(t.app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            let described = Set(SiteURL.templates.map(\.path))
            #expect(registered.subtracting(described).sorted() == [])
            #expect(described.subtracting(registered).sorted() == [])
            #expect(described.count == SiteURL.templates.count, "no route is described twice")
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

    @Test("links: a value is escaped unless it is only letters, digits and -._~; in a path a slash too, in a query all else")
    func escapedLinks() {
        #expect(SiteURL.projects(.newProject(.value("a/b c~"), template: "x y&z/.~")).path
            == "/orgs/a%2Fb%20c~/projects/new?template=x%20y%26z%2F.~")
        #expect(SiteURL.projects(.newProject(.value("café"), template: "é")).path == "/orgs/caf%C3%A9/projects/new?template=%C3%A9")
        #expect(SiteURL.projects(.newProject(.value("Acme_1.2-x~"), template: "Data-analysis_2.0~")).path
            == "/orgs/Acme_1.2-x~/projects/new?template=Data-analysis_2.0~")
    }
}
