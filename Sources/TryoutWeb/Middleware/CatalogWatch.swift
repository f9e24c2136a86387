import Foundation
import TryoutStore
import Vapor

/// While serving, the catalog's version is read from the database twice a second
/// (`RepeatedWork`) and handed to the kept pages (`PublicPageStore`): a publication on any server
/// retires every page rendered before it within half a second of its commit, and pages nobody
/// changed stay kept meanwhile. While reading fails, the kept pages fall back to their plain
/// lifetime.
enum CatalogWatch {
    static let interval: Duration = .milliseconds(500)

    static func check(_ app: Application) async throws {
        let version = try await Catalog.version(on: app.db)
        app.publicPages.catalog(version: version, checkedAt: app.tryout.now())
    }
}
