import Foundation
import Plot
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Sign-up, sign-in, sign-out and password reset.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Accounts.signUp(), use: signUpPage)
        routes.post(SiteURL.Accounts.signUp(), use: signUp)
        routes.get(SiteURL.Accounts.signIn(), use: signInPage)
        routes.post(SiteURL.Accounts.signIn(), use: signIn)
        routes.post(SiteURL.Accounts.signOut, use: signOut)
        routes.get(SiteURL.Accounts.forgotPassword, use: forgotPage)
        routes.post(SiteURL.Accounts.forgotPassword, use: forgot)
        routes.get(SiteURL.Accounts.resetPassword(.key), use: resetPage)
        routes.post(SiteURL.Accounts.resetPassword(.key), use: reset)
    }

    // MARK: Sign-up

    struct SignUpForm: Content {
        var name: String?
        var email: String?
        var password: String?
        var kind: String?
        var organization: String?
        var next: String?
    }

    func signUpPage(req: Request) async throws -> Response {
        let kind = AccountKind(rawValue: req.query[String.self, at: "kind"] ?? "") ?? .candidate
        let next = RedirectTarget.samePath(req.query[String.self, at: "next"]) ?? ""
        return try await req.render("Sign up", SignUpPage(csrf: try await req.csrfToken(), form: .init(kind: kind.rawValue, next: next)))
    }

    /// Answers the same whether or not the address has an account, and signs nobody in.
    func signUp(req: Request) async throws -> Response {
        let form = try req.content.decode(SignUpForm.self)
        var signUp: SignUp
        do {
            signUp = try SignUp.validate(name: form.name, email: form.email, password: form.password,
                                         kind: form.kind, organizationName: form.organization)
            signUp.next = RedirectTarget.samePath(form.next)
        } catch {
            return try await renderSignUp(req, form, errors: error.errors)
        }
        do {
            try await AccountsService.signUp(signUp, req.actionContext)
        } catch AccountRefusal.tooMany(let wait) {
            return try await tooMany(req, wait: wait, SignUpPage(csrf: try await req.csrfToken(), form: .init(kind: signUp.kind.rawValue),
                                                                 errors: [FieldError("email", waitMessage("Too many sign-ups from your network", wait))]))
        }
        return try await req.render("Check your inbox", CheckInboxPage(email: signUp.email.value))
    }


    /// A 429 page with `Retry-After`.
    private func tooMany(_ req: Request, wait: Int, _ page: Component) async throws -> Response {
        let response = try await req.render("Try again later", status: .tooManyRequests, page)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
        return response
    }

    private func renderSignUp(_ req: Request, _ form: SignUpForm, errors: [FieldError]) async throws -> Response {
        let model = SignUpPage.Form(name: form.name ?? "", email: form.email ?? "", kind: form.kind ?? "candidate",
                                    organization: form.organization ?? "", next: RedirectTarget.samePath(form.next) ?? "")
        return try await req.render("Sign up", status: .unprocessableEntity,
                                    SignUpPage(csrf: try await req.csrfToken(), form: model, errors: errors))
    }

    // MARK: Sign-in

    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func signInPage(req: Request) async throws -> Response {
        if req.user != nil { return req.redirect(to: SiteURL.site(.home).path) }
        let next = req.query[String.self, at: "next"] ?? ""
        return try await req.render("Sign in", SignInPage(csrf: try await req.csrfToken(), email: "", next: next))
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let typed = form.email ?? ""
        let shown = LoginThrottle.accountKey(typed)
        let user: UserRecord
        do {
            user = try await AccountsService.signIn(typed: typed, password: form.password ?? "", throttle: req.tryout.loginThrottle, req.actionContext)
        } catch AccountRefusal.tooMany(let wait) {
            return try await tooMany(req, wait: wait, SignInPage(csrf: try await req.csrfToken(), email: shown, next: form.next ?? "",
                                                                 error: waitMessage("Too many failed sign-ins", wait) + " Or reset your password."))
        } catch AccountRefusal.wrongCredentials {
            let page = SignInPage(csrf: try await req.csrfToken(), email: shown, next: form.next ?? "",
                                  error: "The e-mail address or password is not right.")
            return try await req.render("Sign in", status: .unauthorized, page)
        }
        try await req.startSession(for: user)
        return req.redirect(to: Self.safeNext(form.next))
    }

    /// Only same-site paths: an open redirect would make phishing links look like Tryout's.
    static func safeNext(_ next: String?) -> String {
        RedirectTarget.samePath(next) ?? SiteURL.site(.home).path
    }

    func signOut(req: Request) async throws -> Response {
        if let user = req.user {
            try await req.actionContext.audit(.signedOut, by: user)
        }
        try await req.endSession()
        return req.redirect(to: SiteURL.site(.home).path)
    }

    // MARK: Password reset

    struct EmailForm: Content {
        var email: String?
    }

    func forgotPage(req: Request) async throws -> Response {
        try await req.render("Reset your password", ForgotPasswordPage(csrf: try await req.csrfToken()))
    }

    /// Answered the same way whether or not the address has an account.
    func forgot(req: Request) async throws -> Response {
        let form = try req.content.decode(EmailForm.self)
        guard let email = EmailAddress(form.email ?? "") else {
            return try await req.render("Reset your password", status: .unprocessableEntity,
                                        ForgotPasswordPage(csrf: try await req.csrfToken(), email: form.email ?? "",
                                                           error: "Enter an e-mail address like name@example.com."))
        }
        do {
            try await AccountsService.requestPasswordReset(email, req.actionContext)
        } catch AccountRefusal.tooMany(let wait) {
            return try await tooMany(req, wait: wait, ForgotPasswordPage(csrf: try await req.csrfToken(), email: email.value,
                                                                         error: waitMessage("Too many reset requests", wait)))
        }
        try await req.flash("If an account uses that address, we have sent it a link to reset the password.")
        return req.redirect(to: SiteURL.accounts(.signIn()).path)
    }

    struct ResetForm: Content {
        var password: String?
    }

    private static let unusableLink = Abort(.notFound, reason: "This reset link has expired or was already used. Ask for a new one.")

    func resetPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            _ = try await AccountsService.resetLink(token, req.actionContext)
        } catch AccountRefusal.linkUnusable {
            throw Self.unusableLink
        }
        return try await req.render("Choose a new password", ResetPasswordPage(csrf: try await req.csrfToken(), token: token))
    }

    func reset(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let password = try req.content.decode(ResetForm.self).password ?? ""
        do {
            _ = try await AccountsService.resetPassword(token: token, to: password, req.actionContext)
        } catch AccountRefusal.linkUnusable {
            throw Self.unusableLink
        } catch AccountRefusal.weakPassword(let problem) {
            return try await req.render("Choose a new password", status: .unprocessableEntity,
                                        ResetPasswordPage(csrf: try await req.csrfToken(), token: token, error: problem))
        }
        try await req.endSession()
        try await req.flash("Your password has been changed. \(AccountsService.revokedNotice) Sign in with the new password.")
        return req.redirect(to: SiteURL.accounts(.signIn()).path)
    }
}
