import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The signed-in person's own profile, password, API tokens and schools.
struct SettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", use: page)
        routes.post("settings", "profile", use: updateProfile)
        routes.post("settings", "password", use: changePassword)
        routes.post("settings", "tokens", use: createToken)
        routes.post("settings", "tokens", ":tokenID", "revoke", use: revokeToken)
    }

    private func render(_ req: Request, status: HTTPStatus = .ok, newToken: String? = nil, errors: [FieldError] = [],
                        name: String? = nil) async throws -> Response {
        let user = try req.requireUser()
        let page = SettingsPage(csrf: try await req.csrfToken(), name: name ?? user.displayName, email: user.email,
                                emailVerified: user.emailVerifiedAt != nil,
                                tokens: try await Accounts.tokens(userID: try user.requireID(), on: req.db),
                                schools: try await PartnerStudents.schools(of: try user.requireID(), on: req.db),
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
        user.displayName = name
        try await user.save(on: req.db)
        try await req.flash("Your profile has been saved.")
        return req.redirect(to: SiteURL.settings.path)
    }

    struct PasswordForm: Content {
        var current: String?
        var password: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        var v = Validator()
        let currentMatches = try await req.passwords.verify(form.current ?? "", against: user.passwordHash)
        v.check(currentMatches, "current", "Your current password is not right.")
        if let problem = PasswordPolicy.problem(with: form.password ?? "", email: user.email) {
            v.add(FieldError("password", problem))
        }
        guard v.errors.isEmpty else { return try await render(req, status: .unprocessableEntity, errors: v.errors) }
        let hash = try await req.passwords.hash(form.password ?? "")
        let now = req.now
        let keep = req.authState.session?.id
        try await req.db.transaction { tx in
            user.passwordHash = hash
            try await user.save(on: tx)
            // Whoever else knew the old password loses every way in; this browser, which just
            // proved it, stays signed in.
            try await AccountSecurity.revokeCredentials(userID: try user.requireID(), keepingSession: keep, at: now, on: tx)
            try await AuditLog.record(req.auditEntry(.passwordChanged), at: now, on: tx)
            try await AccountMail.passwordChanged(req, to: user, at: now, on: tx)
        }
        try await req.flash("Your password has been changed. \(AccountMail.revokedNotice)")
        return req.redirect(to: SiteURL.settings.path)
    }

    struct TokenForm: Content {
        var tokenName: String?
    }

    func createToken(req: Request) async throws -> Response {
        let form = try req.content.decode(TokenForm.self)
        do {
            let (_, secret) = try await Tokens.create(req, name: form.tokenName)
            // Shown in this response only: the secret is never stored or flashed.
            return try await render(req, status: .created, newToken: secret)
        } catch let failure as ValidationFailure {
            let errors = failure.errors.map { FieldError("tokenName", $0.message) }
            return try await render(req, status: .unprocessableEntity, errors: errors)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        try await Tokens.revoke(req, id: req.parameters.get("tokenID", as: UUID.self))
        try await req.flash("The token has been revoked.")
        return req.redirect(to: SiteURL.settings.path)
    }
}
