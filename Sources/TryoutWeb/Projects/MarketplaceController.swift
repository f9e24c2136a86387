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
            let results = try await parameters.results(req)
            return try await req.render("Find a project", MarketplacePage(parameters: parameters, results: results, errors: []))
        } catch let failure as ValidationFailure {
            return try await req.render("Find a project", status: .unprocessableEntity,
                                        MarketplacePage(parameters: parameters, results: MarketplaceResults(), errors: failure.errors))
        }
    }
}
