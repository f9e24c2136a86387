import Foundation
import Prometheus
import SQLKit
import Vapor

/// Health, metrics and the API description: what operators and clients poll.
struct ServiceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Service.health, use: health)
        routes.get(SiteURL.Service.metrics, use: metrics)
        routes.get(SiteURL.Service.openAPI, use: openAPI)
    }

    struct Health: Content {
        var status: String
        var database: String
    }

    func health(req: Request) async throws -> Response {
        let database = req.tryout.database.driverName
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            _ = try await sql.raw("SELECT 1 AS ok").first()
            return try await Health(status: "ok", database: database).encodeResponse(for: req)
        } catch {
            req.logger.error("health check failed: \(String(reflecting: error))")
            return try await Health(status: "unavailable", database: database).encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    /// With a token configured, only its bearer reads the figures (route names and traffic are
    /// for operators); without one they are open in development and closed in production.
    func metrics(req: Request) async throws -> Response {
        let sent = req.headers.bearerAuthorization?.token ?? ""
        let allowed = req.tryout.metricsToken.map { !sent.isEmpty && ConstantTime.equal(sent, $0) } ?? req.tryout.metricsOpen
        guard allowed else {
            // Answered here: a thrown 401 would become a browser's sign-in redirect.
            return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer", "Content-Type": "text/plain; charset=utf-8"],
                            body: .init(string: "Send the metrics token as Authorization: Bearer.\n"))
        }
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: req.application.metrics.emitToString()))
    }

    func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try OpenAPIDocument.data()))
    }
}

/// The OpenAPI 3.1 document describing `/api/v1`, bundled with the server.
enum OpenAPIDocument {
    static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw Abort(.internalServerError, reason: "The API description is missing from the build.")
        }
        return try Data(contentsOf: url)
    }
}
