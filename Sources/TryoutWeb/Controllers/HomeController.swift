import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The home page and a project's public page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("projects", ":projectID", use: project)
        routes.get("assets", "site.css", use: stylesheet)
    }

    func home(req: Request) async throws -> Response {
        let projects = try await Projects.latestPublic(limit: 6, on: req.db)
        return try await req.render("Paid micro-internships", HomePage(projects: projects, signedIn: req.user != nil))
    }

    func project(req: Request) async throws -> Response {
        guard let id = req.parameters.get("projectID", as: UUID.self), let project = try await Projects.find(id: id, on: req.db) else {
            throw Abort(.notFound)
        }
        // Until partner sharing and invitations exist, only public published briefs and the
        // owning organization's own members may read a brief.
        let isPublic = project.state == .published && project.visibility == .public
        if !isPublic { try await req.authorize(.viewOrganization(project.$organization.id)) }
        return try await req.render(project.title, ProjectPage(project: project))
    }

    func stylesheet(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }
}
