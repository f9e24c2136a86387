import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The credential pages: anyone reads a credential and verifies one; its holder lists theirs and
/// runs a portfolio; the issuing organization endorses or revokes. The services decide who may.
struct CredentialsController: RouteCollection {
    typealias Route = SiteURL.Credentials

    func boot(routes: any RoutesBuilder) throws {
        routes.get(Route.credential(.key), use: credential)
        for file in Route.Download.allCases {
            routes.get(Route.download(.key, file)) { req in try await download(req, file) }
        }
        routes.get(Route.evidence(.key, .key), use: evidence)
        routes.get(Route.verify, use: verifyPage)
        routes.post(Route.verify, use: verify)
        routes.get(Route.portfolio(.key), use: portfolio)
        routes.get(Route.portfolioJSON(.key), use: portfolioJSON)
        let signedIn = routes.grouped(RequireSignedInMiddleware())
        signedIn.get(Route.mine, use: mine)
        signedIn.get(Route.revoke(.key), use: revokePage)
        signedIn.post(Route.revoke(.key), use: revoke)
        signedIn.post(Route.endorse(.key), use: endorse)
        signedIn.get(Route.portfolioSettings, use: portfolioSettings)
        signedIn.post(Route.portfolioSettings, use: savePortfolio)
    }

    private func id(_ req: Request) -> CredentialID? { req.parameters.get("credentialID", as: CredentialID.self) }

    func credential(req: Request) async throws -> Response {
        try await renderCredential(req)
    }

    private func renderCredential(_ req: Request, endorsement: String = "", errors: [FieldError] = []) async throws -> Response {
        let view = try await CredentialsService.view(id(req), verifier: req.application.credentialVerifier, try await req.visitorContext())
        return try await req.render(view.name, status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    CredentialPage(view: view, csrf: try await req.csrfToken(), endorsement: endorsement, errors: errors))
    }

    func download(_ req: Request, _ file: Route.Download) async throws -> Response {
        let view = try await CredentialsService.view(id(req), verifier: req.application.credentialVerifier, try await req.visitorContext())
        switch file {
        case .jwt:
            return .attachment(view.jwt, contentType: "application/vc+jwt", filename: "credential.jwt")
        case .json:
            let json = view.verification.payload.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return .attachment(json, contentType: "application/json", filename: "credential.json")
        }
    }

    func evidence(req: Request) async throws -> Response {
        let evidence = try await CredentialsService.evidence(id(req), deliverable: req.parameters.get("position", as: Int.self),
                                                             settings: req.application.tryout.credentialSettings, try await req.visitorContext())
        return try await req.render(evidence.title, EvidencePage(evidence: evidence))
    }

    func verifyPage(req: Request) async throws -> Response {
        try await req.render("Verify a credential", VerifyPage(csrf: try await req.csrfToken()))
    }

    func verify(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            let verification = try await CredentialsService.verify(form["jwt"], verifier: req.application.credentialVerifier, try await req.visitorContext())
            return try await req.render("Verify a credential", VerifyPage(csrf: try await req.csrfToken(), jwt: form["jwt"] ?? "", verification: verification))
        } catch let failure as ValidationFailure {
            return try await req.render("Verify a credential", status: .unprocessableEntity,
                                        VerifyPage(csrf: try await req.csrfToken(), jwt: form["jwt"] ?? "", errors: failure.errors))
        }
    }

    func mine(req: Request) async throws -> Response {
        let records = try await CredentialsService.mine(try await req.signedInContext())
        return try await req.render("My credentials", MyCredentialsPage(credentials: records.compactMap { record in
            record.id.map { (CredentialID($0), record.name, record.organizationName, record.issuedAt, record.revokedAt != nil) }
        }))
    }

    func revokePage(req: Request) async throws -> Response {
        try await renderRevoke(req)
    }

    private func renderRevoke(_ req: Request, reason: String = "", errors: [FieldError] = []) async throws -> Response {
        let view = try await CredentialsService.view(id(req), verifier: req.application.credentialVerifier, try await req.signedInContext())
        guard view.mayRevoke else { throw ActionError.notFound }
        return try await req.render("Revoke “\(view.name)”", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    RevokePage(view: view, csrf: try await req.csrfToken(), reason: reason, errors: errors))
    }

    func revoke(req: Request) async throws -> Response {
        guard let credentialID = id(req) else { throw ActionError.notFound }
        let form = try req.content.decode([String: String].self)
        do {
            let record = try await CredentialsService.revoke(credentialID, reason: form["reason"], try await req.signedInContext())
            try await req.flash("“\(record.name)” is revoked; the candidate was told.")
        } catch let failure as ValidationFailure {
            return try await renderRevoke(req, reason: form["reason"] ?? "", errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: SiteURL.credentials(.credential(.value(credentialID))).path)
    }

    func endorse(req: Request) async throws -> Response {
        guard let credentialID = id(req) else { throw ActionError.notFound }
        let form = try req.content.decode([String: String].self)
        do {
            try await CredentialsService.endorse(credentialID, text: form["text"], try await req.signedInContext())
            try await req.flash("Endorsement saved: it shows on the candidate's portfolio.")
        } catch let failure as ValidationFailure {
            return try await renderCredential(req, endorsement: form["text"] ?? "", errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: SiteURL.credentials(.credential(.value(credentialID))).path)
    }

    func portfolioSettings(req: Request) async throws -> Response {
        let settings = try await PortfolioService.settings(try await req.signedInContext())
        return try await req.render("Portfolio", PortfolioSettingsPage(form: settings, csrf: try await req.csrfToken()))
    }

    func savePortfolio(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input = PortfolioSettingsInput(published: form["published"] != nil, slug: form["slug"], headline: form["headline"])
        do {
            let saved = try await PortfolioService.save(input, try await req.signedInContext())
            try await req.flash(saved.published ? "Portfolio published." : "Portfolio saved; it is not public.")
            return req.redirect(to: SiteURL.credentials(.portfolioSettings).path)
        } catch let failure as ValidationFailure {
            let shown = PortfolioSettings(published: input.published, slug: input.slug ?? "", headline: input.headline ?? "")
            return try await req.render("Portfolio", status: .unprocessableEntity,
                                        PortfolioSettingsPage(form: shown, csrf: try await req.csrfToken(), errors: failure.errors))
        }
    }

    func portfolio(req: Request) async throws -> Response {
        let view = try await PortfolioService.published(slug: req.parameters.get("slug"), try await req.visitorContext())
        return try await req.render(view.name, PortfolioPage(portfolio: view))
    }

    func portfolioJSON(req: Request) async throws -> Response {
        let view = try await PortfolioService.published(slug: req.parameters.get("slug"), try await req.visitorContext())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return .attachment(String(decoding: try encoder.encode(view), as: UTF8.self), contentType: "application/json",
                           filename: "portfolio-\(view.slug).json")
    }
}
