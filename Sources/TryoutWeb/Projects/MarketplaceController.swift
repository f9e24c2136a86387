import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// `/projects`: search and browse the published projects the visitor may see.
struct MarketplaceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(PublicPageCache()).get(SiteURL.Projects.marketplace, use: search)
    }

    func search(req: Request) async throws -> Response {
        let input = try req.query.decode(ProjectSearchInput.self)
        do {
            let results = try await MarketplaceService.search(input, try await req.visitorContext())
            return try await req.render("Find a project", MarketplacePage(parameters: input, results: .init(results), errors: []))
        } catch let failure as ValidationFailure {
            return try await req.render("Find a project", status: .unprocessableEntity,
                                        MarketplacePage(parameters: input, results: .init(MarketplaceResults()), errors: failure.errors))
        }
    }
}
