import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for credentials: anyone reads a credential and verifies a VC-JWT; a candidate lists
/// theirs and sets their portfolio; the issuing organization's owner or a platform admin revokes.
struct CredentialsAPIController: RouteCollection {
    typealias Route = SiteURL.Credentials

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.grouped(BearerAuthMiddleware())
        open.get(Route.api(.credential(.key)), use: credential)
        // A schema-valid body is at most 64 KB of credential; larger ones get a field error, not a bare 413.
        open.on(.POST, Route.api(.verify).pathComponents, body: .collect(maxSize: "1mb"), use: verify)
        let api = open.grouped(RequireAPIUserMiddleware())
        api.get(Route.api(.mine), use: mine)
        api.post(Route.api(.revoke(.key)), use: revoke)
        api.get(Route.api(.portfolio), use: portfolio)
        api.on(.PUT, Route.api(.portfolio), use: savePortfolio)
    }

    private func id(_ req: Request) -> CredentialID? { req.parameters.get("credentialID", as: CredentialID.self) }

    func credential(req: Request) async throws -> DTO.Credential {
        DTO.Credential(try await CredentialsService.view(id(req), verifier: req.application.credentialVerifier, try await req.visitorContext()))
    }

    func verify(req: Request) async throws -> DTO.Verification {
        let body = try req.decodeJSON(DTO.VerifyInput.self)
        return DTO.Verification(try await CredentialsService.verify(body.jwt, verifier: req.application.credentialVerifier, try await req.visitorContext()))
    }

    func mine(req: Request) async throws -> DTO.CredentialList {
        let settings = req.application.tryout.credentialSettings
        return DTO.CredentialList(credentials: try await CredentialsService.mine(try await req.signedInContext()).compactMap { record in
            record.id.map { DTO.CredentialSummary(record, id: CredentialID($0), url: settings.credentialURL(CredentialID($0))) }
        })
    }

    func revoke(req: Request) async throws -> DTO.Credential {
        let ctx = try await req.signedInContext()
        let body = try req.decodeJSON(DTO.RevokeInput.self)
        try await CredentialsService.revoke(id(req), reason: body.reason, ctx)
        return DTO.Credential(try await CredentialsService.view(id(req), verifier: req.application.credentialVerifier, ctx))
    }

    func portfolio(req: Request) async throws -> DTO.Portfolio {
        DTO.Portfolio(try await PortfolioService.settings(try await req.signedInContext()), base: req.application.tryout.publicURL)
    }

    func savePortfolio(req: Request) async throws -> DTO.Portfolio {
        let ctx = try await req.signedInContext()
        let body = try req.decodeJSON(DTO.PortfolioInput.self)
        let saved = try await PortfolioService.save(PortfolioSettingsInput(published: body.published, slug: body.slug, headline: body.headline), ctx)
        return DTO.Portfolio(saved, base: req.application.tryout.publicURL)
    }
}

extension DTO {
    struct Check: Content {
        var name: String
        var outcome: String
        var detail: String
    }

    /// What verifying found; `credential` is the payload as signed, when it could be read.
    struct Verification: Content {
        var status: String
        var issuer: String?
        var checks: [Check]
        var credential: OpenBadgeCredential?

        init(_ verification: CredentialVerification) {
            status = verification.status.rawValue
            issuer = verification.issuer
            checks = verification.checks.map { Check(name: $0.name, outcome: $0.outcome.rawValue, detail: $0.detail) }
            credential = verification.credential
        }
    }

    struct Credential: Content {
        var id: CredentialID
        var url: String
        var name: String
        var organization: String
        var issuedAt: Date
        var revokedAt: Date?
        var revocationReason: String?
        var verification: Verification
        var jwt: String

        init(_ view: CredentialView) {
            id = view.id
            url = view.url
            name = view.name
            organization = view.organizationName
            issuedAt = view.issuedAt
            revokedAt = view.revokedAt
            revocationReason = view.revocationReason
            verification = Verification(view.verification)
            jwt = view.jwt
        }
    }

    struct CredentialSummary: Content {
        var id: CredentialID
        var url: String
        var name: String
        var organization: String
        var issuedAt: Date
        var revokedAt: Date?

        init(_ record: CredentialRecord, id: CredentialID, url: String) {
            self.id = id
            self.url = url
            name = record.name
            organization = record.organizationName
            issuedAt = record.issuedAt
            revokedAt = record.revokedAt
        }
    }

    struct CredentialList: Content {
        var credentials: [CredentialSummary]
    }

    struct VerifyInput: Content {
        var jwt: String
    }

    struct RevokeInput: Content {
        var reason: String
    }

    struct Portfolio: Content {
        var published: Bool
        var slug: String?
        var headline: String
        /// Where it is public, while it is.
        var url: String?

        init(_ settings: PortfolioSettings, base: String) {
            published = settings.published
            slug = settings.slug.isEmpty ? nil : settings.slug
            headline = settings.headline
            url = settings.published && !settings.slug.isEmpty ? base + SiteURL.credentials(.portfolio(.value(settings.slug))).path : nil
        }
    }

    struct PortfolioInput: Content {
        var published: Bool
        var slug: String?
        var headline: String?
    }
}
