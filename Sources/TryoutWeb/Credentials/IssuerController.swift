import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// What verifiers fetch without a session: the issuer's DID document, its keys as a JWKS, and
/// the signed status lists. Every answer is built from the database, so every server agrees; each
/// server publishes its key when it prepares the database.
struct IssuerController: RouteCollection {
    typealias Route = SiteURL.Credentials

    func boot(routes: any RoutesBuilder) throws {
        routes.get(Route.didDocument, use: didDocument)
        routes.get(Route.jwks, use: jwks)
        routes.get(Route.statusList(.key), use: statusList)
    }

    func didDocument(req: Request) async throws -> Response {
        try Self.json(try await req.application.tryout.credentialSettings.document(on: req.db), contentType: "application/did+json")
    }

    func jwks(req: Request) async throws -> Response {
        let keys = try await req.application.tryout.credentialSettings.document(on: req.db).verificationMethod.map(\.publicKeyJwk)
        return try Self.json(["keys": keys], contentType: "application/jwk-set+json")
    }

    func statusList(req: Request) async throws -> Response {
        guard let list = req.parameters.get("list", as: Int.self),
              let jwt = try await CredentialsService.statusListJWT(list, req.application.tryout.credentialSettings, at: req.now, on: req.db)
        else { throw ActionError.notFound }
        let response = Response(status: .ok, body: .init(string: jwt))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vc+jwt")
        // A revocation must reach verifiers soon: caches may keep a list for a minute at most.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return response
    }

    private static func json(_ value: some Encodable, contentType: String) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(value)))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return response
    }
}
