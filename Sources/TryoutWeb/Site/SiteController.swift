import Foundation
import TryoutApp
import Vapor

/// The home page, and the stylesheet and script every page loads.
struct SiteController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(PublicPageCache()).get(SiteURL.Site.home, use: home)
        routes.get(SiteURL.Site.stylesheet) { _ in Self.asset(Stylesheet.css, type: "css") }
        routes.get(SiteURL.Site.skillScript) { _ in Self.asset(SkillSuggestions.script, type: "javascript") }
    }

    /// The marketing page for visitors; for a signed-in person, their own home.
    func home(req: Request) async throws -> Response {
        if let user = req.user {
            let ctx = try await req.signedInContext()
            let facts = try await HomeService.home(ctx, header: req.authState.header)
            let home = HomeView(facts, name: user.displayName, now: ctx.now)
            return try await req.render("Home", header: facts.header, PersonalHomePage(home: home, now: ctx.now))
        }
        let projects = try await MarketplaceService.latest(req.actionContext)
        return try await req.render("Paid micro-internships", HomePage(projects: ProjectCards(projects: projects, showOrganization: true)))
    }

    private static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: type, parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
