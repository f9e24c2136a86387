import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// `/projects`: search and browse the published projects the visitor may see.
struct MarketplaceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("projects", use: search)
    }

    func search(req: Request) async throws -> Response {
        let parameters = try req.query.decode(ProjectSearchParameters.self)
        do {
            let query = try await parameters.query(on: req.db)
            let page = try await ProjectSearch.search(query, viewer: try await req.searchViewer(), on: req.db)
            let projects = try await Projects.list(ids: page.projectIDs, on: req.db)
            return try await req.render("Find a project", MarketplacePage(parameters: parameters, projects: projects, total: page.total,
                                                                          totalCapped: page.totalCapped, nextCursor: page.nextCursor, errors: []))
        } catch let failure as ValidationFailure {
            return try await req.render("Find a project", status: .unprocessableEntity,
                                        MarketplacePage(parameters: parameters, projects: [], total: 0, totalCapped: false, nextCursor: nil, errors: failure.errors))
        }
    }
}
