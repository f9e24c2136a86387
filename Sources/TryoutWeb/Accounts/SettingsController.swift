import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The signed-in person's own profile, password, API tokens and schools.
struct SettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Accounts.settings, use: page)
        routes.post(SiteURL.Accounts.settingsProfile, use: updateProfile)
        routes.post(SiteURL.Accounts.settingsPassword, use: changePassword)
        routes.post(SiteURL.Accounts.settingsTokens, use: createToken)
        routes.get(SiteURL.Accounts.revokeToken(.key), use: confirmRevoking)
        routes.post(SiteURL.Accounts.revokeToken(.key), use: revokeToken)
    }

    private func render(_ req: Request, status: HTTPStatus = .ok, newToken: String? = nil, errors: [FieldError] = [],
                        name: String? = nil) async throws -> Response {
        let user = try req.requireUser()
        let page = SettingsPage(csrf: try await req.csrfToken(), name: name ?? user.displayName, email: user.email,
                                emailVerified: user.emailVerifiedAt != nil,
                                tokens: try await TokensService.list(of: user, req.actionContext).map(TokenSummary.init),
                                schools: try await AccountsService.schools(of: user, req.actionContext).map(SchoolSummary.init),
                                newToken: newToken, errors: errors)
        return try await req.render("Settings", status: status, page)
    }

    func page(req: Request) async throws -> Response {
        try await render(req)
    }

    struct ProfileForm: Content {
        var name: String?
    }

    func updateProfile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ProfileForm.self)
        var v = Validator()
        let name = v.name(form.name, "name", label: "Your name")
        guard v.errors.isEmpty else { return try await render(req, status: .unprocessableEntity, errors: v.errors, name: form.name) }
        try await AccountsService.rename(user, to: name, req.actionContext)
        try await req.flash("Your profile has been saved.")
        return req.redirect(to: SiteURL.accounts(.settings).path)
    }

    struct PasswordForm: Content {
        var current: String?
        var password: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await AccountsService.changePassword(user, current: form.current ?? "", new: form.password ?? "",
                                                     keeping: req.authState.session?.id, req.actionContext)
        } catch let failure as ValidationFailure {
            return try await render(req, status: .unprocessableEntity, errors: failure.errors)
        }
        try await req.flash("Your password has been changed. \(AccountsService.revokedNotice)")
        return req.redirect(to: SiteURL.accounts(.settings).path)
    }

    struct TokenForm: Content {
        var tokenName: String?
    }

    func createToken(req: Request) async throws -> Response {
        let form = try req.content.decode(TokenForm.self)
        do {
            let (_, secret) = try await TokensService.create(for: try req.requireUser(), name: form.tokenName, req.actionContext)
            // Shown in this response only: the secret is never stored or flashed.
            return try await render(req, status: .created, newToken: secret)
        } catch let failure as ValidationFailure {
            let errors = failure.errors.map { FieldError("tokenName", $0.message) }
            return try await render(req, status: .unprocessableEntity, errors: errors)
        }
    }

    func confirmRevoking(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("tokenID", as: APITokenID.self),
              let token = try await TokensService.list(of: user, req.actionContext).first(where: { $0.id == id.uuid }) else { throw Abort(.notFound) }
        return try await req.render("Revoke the token “\(token.name)”?", ConfirmationPage(
            question: "Revoke the token “\(token.name)”?",
            consequences: "Scripts and tools that use it are refused from now on. It cannot be turned back on; you can create a new one.",
            action: req.url.path, confirm: "Revoke “\(token.name)”", backLabel: "Keep it", back: SiteURL.accounts(.settings).path,
            csrf: try await req.csrfToken()))
    }

    func revokeToken(req: Request) async throws -> Response {
        guard let id = req.parameters.get("tokenID", as: APITokenID.self) else { throw Abort(.notFound) }
        try await TokensService.revoke(id, of: try req.requireUser(), req.actionContext)
        try await req.flash("The token has been revoked.")
        return req.redirect(to: SiteURL.accounts(.settings).path)
    }
}

extension TokenSummary {
    init(_ token: APITokenRecord) throws {
        self.init(id: APITokenID(try token.requireID()), name: token.name, prefix: token.prefix, createdAt: token.createdAt,
                  lastUsedAt: token.lastUsedAt)
    }
}

extension SchoolSummary {
    init(_ student: PartnerStudentRecord) throws {
        self.init(studentID: try student.requireID(), name: student.organization.name, slug: student.organization.slug)
    }
}
