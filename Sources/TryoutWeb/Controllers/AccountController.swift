import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Sign-up, sign-in, sign-out and password reset.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("signup", use: signUpPage)
        routes.post("signup", use: signUp)
        routes.get("signin", use: signInPage)
        routes.post("signin", use: signIn)
        routes.post("signout", use: signOut)
        routes.get("password", "forgot", use: forgotPage)
        routes.post("password", "forgot", use: forgot)
        routes.get("password", "reset", ":token", use: resetPage)
        routes.post("password", "reset", ":token", use: reset)
    }

    // MARK: Sign-up

    struct SignUpForm: Content {
        var name: String?
        var email: String?
        var password: String?
        var kind: String?
        var organization: String?
    }

    func signUpPage(req: Request) async throws -> Response {
        let kind = AccountKind(rawValue: req.query[String.self, at: "kind"] ?? "") ?? .candidate
        return try await req.render("Sign up", SignUpPage(csrf: try await req.csrfToken(), form: .init(kind: kind.rawValue)))
    }

    func signUp(req: Request) async throws -> Response {
        let form = try req.content.decode(SignUpForm.self)
        let signUp: SignUp
        do {
            signUp = try SignUp.validate(name: form.name, email: form.email, password: form.password,
                                         kind: form.kind, organizationName: form.organization)
        } catch {
            return try await renderSignUp(req, form, errors: error.errors)
        }
        let hash = try await req.passwords.hash(signUp.password)
        let now = req.now
        let result: (UserRecord, OrganizationRecord?)
        do {
            result = try await req.db.transaction { tx in
                let user = try await Accounts.createUser(email: signUp.email, displayName: signUp.name, passwordHash: hash, at: now, on: tx)
                let userID = try user.requireID()
                try await AuditLog.record(req.auditEntry(.signedUp, actor: user), at: now, on: tx)
                guard let orgKind = signUp.kind.organizationKind, let orgName = signUp.organizationName else {
                    try await CandidateProfiles.create(userID: userID, name: signUp.name, at: now, on: tx)
                    return (user, nil)
                }
                let org = try await Organizations.create(kind: orgKind, name: orgName, ownerID: userID, at: now, on: tx)
                try await AuditLog.record(req.auditEntry(.organizationCreated, organizationID: org.id, detail: org.name, actor: user), at: now, on: tx)
                return (user, org)
            }
        } catch AccountError.emailTaken {
            return try await renderSignUp(req, form, errors: [FieldError("email", "An account with this e-mail address exists. Sign in instead.")])
        }
        try await req.startSession(for: result.0)
        try await req.flash("Welcome to Tryout, \(signUp.name).")
        if let org = result.1 { return req.redirect(to: SiteURL.members(org.slug).path) }
        return req.redirect(to: SiteURL.settings.path)
    }

    private func renderSignUp(_ req: Request, _ form: SignUpForm, errors: [FieldError]) async throws -> Response {
        let model = SignUpPage.Form(name: form.name ?? "", email: form.email ?? "", kind: form.kind ?? "candidate",
                                    organization: form.organization ?? "")
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
        if req.user != nil { return req.redirect(to: SiteURL.home.path) }
        let next = req.query[String.self, at: "next"] ?? ""
        return try await req.render("Sign in", SignInPage(csrf: try await req.csrfToken(), email: "", next: next))
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let raw = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        // What was typed, made safe to store for throttling and the audit log.
        let typed = TextInput.storable(String(raw.lowercased().prefix(254)))
        let now = req.now
        let throttle = req.tryout.loginThrottle
        let since = now.addingTimeInterval(-max(throttle.perAccount.window, throttle.perAddress.window))
        let accountFailures = try await Accounts.failedAttempts(email: typed, since: since, on: req.db)
        let addressFailures = try await Accounts.failedAttempts(ip: req.clientIP, since: since, on: req.db)
        if let wait = throttle.retryAfter(accountFailures: accountFailures, addressFailures: addressFailures, now: now) {
            let minutes = max(1, (wait + 59) / 60)
            let page = SignInPage(csrf: try await req.csrfToken(), email: typed, next: form.next ?? "",
                                  error: "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s"), or reset your password.")
            let response = try await req.render("Sign in", status: .tooManyRequests, page)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        }

        let user = try await EmailAddress(raw).asyncFlatMap { try await Accounts.user(email: $0, on: req.db) }
        let valid = try await req.passwords.verify(form.password ?? "", against: user?.passwordHash)
        try await Accounts.recordAttempt(email: typed, ip: req.clientIP, succeeded: valid, at: now, on: req.db)
        guard valid, let user else {
            try await AuditLog.record(req.auditEntry(.signInFailed, detail: typed, actor: user), at: now, on: req.db)
            let page = SignInPage(csrf: try await req.csrfToken(), email: typed, next: form.next ?? "",
                                  error: "The e-mail address or password is not right.")
            return try await req.render("Sign in", status: .unauthorized, page)
        }
        try await AuditLog.record(req.auditEntry(.signedIn, actor: user), at: now, on: req.db)
        try await req.startSession(for: user)
        return req.redirect(to: Self.safeNext(form.next))
    }

    /// Only same-site paths: an open redirect would make phishing links look like Tryout's.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return SiteURL.home.path }
        return next
    }

    func signOut(req: Request) async throws -> Response {
        if let user = req.user {
            try await AuditLog.record(req.auditEntry(.signedOut, actor: user), at: req.now, on: req.db)
        }
        try await req.endSession()
        return req.redirect(to: SiteURL.home.path)
    }

    // MARK: Password reset

    struct EmailForm: Content {
        var email: String?
    }

    func forgotPage(req: Request) async throws -> Response {
        try await req.render("Reset your password", ForgotPasswordPage(csrf: try await req.csrfToken()))
    }

    func forgot(req: Request) async throws -> Response {
        let form = try req.content.decode(EmailForm.self)
        guard let email = EmailAddress(form.email ?? "") else {
            return try await req.render("Reset your password", status: .unprocessableEntity,
                                        ForgotPasswordPage(csrf: try await req.csrfToken(), email: form.email ?? "",
                                                           error: "Enter an e-mail address like name@example.com."))
        }
        let now = req.now
        if let user = try await Accounts.user(email: email, on: req.db) {
            let base = req.tryout.publicURL
            try await req.db.transaction { tx in
                let token = try await Accounts.createPasswordReset(userID: try user.requireID(), at: now, on: tx)
                try await Mailer.send(req, to: user.email, subject: "Reset your Tryout password", body: """
                    Someone asked to reset the password of your Tryout account. If it was you, open this link within an hour:

                    \(SiteURL.resetPassword(token: token.value).absolute(base: base))

                    If it was not you, ignore this message; your password stays as it is.
                    """, at: now, on: tx)
            }
        }
        // The same answer either way, so the form does not reveal who has an account.
        try await req.flash("If an account uses that address, we have sent it a link to reset the password.")
        return req.redirect(to: SiteURL.signIn.path)
    }

    struct ResetForm: Content {
        var password: String?
    }

    func resetPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard try await Accounts.usablePasswordReset(token: token, at: req.now, on: req.db) != nil else {
            throw Abort(.notFound, reason: "This reset link has expired or was already used. Ask for a new one.")
        }
        return try await req.render("Choose a new password", ResetPasswordPage(csrf: try await req.csrfToken(), token: token))
    }

    func reset(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let now = req.now
        guard let reset = try await Accounts.usablePasswordReset(token: token, at: now, on: req.db) else {
            throw Abort(.notFound, reason: "This reset link has expired or was already used. Ask for a new one.")
        }
        let password = try req.content.decode(ResetForm.self).password ?? ""
        if let problem = PasswordPolicy.problem(with: password, email: reset.user.email) {
            return try await req.render("Choose a new password", status: .unprocessableEntity,
                                        ResetPasswordPage(csrf: try await req.csrfToken(), token: token, error: problem))
        }
        let hash = try await req.passwords.hash(password)
        let user = reset.user
        try await req.db.transaction { tx in
            user.passwordHash = hash
            try await user.save(on: tx)
            reset.usedAt = now
            try await reset.save(on: tx)
            // Whoever knew the old password is signed out everywhere.
            try await Accounts.endSessions(userID: try user.requireID(), on: tx)
            try await AuditLog.record(req.auditEntry(.passwordReset, actor: user), at: now, on: tx)
        }
        try await req.endSession()
        try await req.flash("Your password has been changed. Sign in with the new one.")
        return req.redirect(to: SiteURL.signIn.path)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
