import Foundation
import Plot
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

    /// Answers the same whether or not the address has an account, and signs nobody in: the
    /// new account's owner confirms the address by e-mail first, an existing owner hears of the try.
    func signUp(req: Request) async throws -> Response {
        let form = try req.content.decode(SignUpForm.self)
        let signUp: SignUp
        do {
            signUp = try SignUp.validate(name: form.name, email: form.email, password: form.password,
                                         kind: form.kind, organizationName: form.organization)
        } catch {
            return try await renderSignUp(req, form, errors: error.errors)
        }
        let now = req.now
        if let wait = try await AccountSecurity.retryAfter(.signUpClient, key: req.clientIP, limit: RequestLimits.signUpPerClient, at: now, on: req.db) {
            return try await tooMany(req, wait: wait, SignUpPage(csrf: try await req.csrfToken(), form: .init(kind: signUp.kind.rawValue),
                                                                 errors: [FieldError("email", Self.waitMessage("Too many sign-ups from your network", wait))]))
        }
        try await AccountSecurity.record(.signUpClient, key: req.clientIP, at: now, on: req.db)
        let hash = try await req.passwords.hash(signUp.password)
        try await req.db.transaction { tx in
            let mayMail = try await AccountSecurity.retryAfter(.signUpMail, key: signUp.email.value, limit: RequestLimits.signUpMailPerAccount,
                                                               at: now, on: tx) == nil
            if mayMail { try await AccountSecurity.record(.signUpMail, key: signUp.email.value, at: now, on: tx) }
            if let existing = try await Accounts.user(email: signUp.email, on: tx) {
                if mayMail { try await AccountMail.alreadyRegistered(req, to: existing, at: now, on: tx) }
                return
            }
            let user = try await Accounts.createUser(email: signUp.email, displayName: signUp.name, passwordHash: hash, at: now, on: tx)
            let userID = try user.requireID()
            try await AuditLog.record(req.auditEntry(.signedUp, actor: user), at: now, on: tx)
            if let orgKind = signUp.kind.organizationKind, let orgName = signUp.organizationName {
                let org = try await Organizations.create(kind: orgKind, name: orgName, ownerID: userID, at: now, on: tx)
                try await AuditLog.record(req.auditEntry(.organizationCreated, organizationID: org.id, detail: org.name, actor: user), at: now, on: tx)
            } else {
                try await CandidateProfiles.create(userID: userID, name: signUp.name, at: now, on: tx)
            }
            if mayMail { try await AccountMail.confirmAddress(req, to: user, at: now, on: tx) }
        }
        return try await req.render("Check your inbox", CheckInboxPage(email: signUp.email.value))
    }

    static func waitMessage(_ what: String, _ seconds: Int) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return "\(what). Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
    }

    /// A 429 page with `Retry-After`.
    private func tooMany(_ req: Request, wait: Int, _ page: Component) async throws -> Response {
        let response = try await req.render("Try again later", status: .tooManyRequests, page)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
        return response
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
        let raw = form.email ?? ""
        // Failures count against the address that finds the account, however it was typed.
        let typed = LoginThrottle.accountKey(raw)
        let now = req.now
        let throttle = req.tryout.loginThrottle
        let since = now.addingTimeInterval(-max(throttle.perAccount.window, throttle.perAddress.window))
        let accountFailures = try await Accounts.failedAttempts(email: typed, since: since, on: req.db)
        let addressFailures = try await Accounts.failedAttempts(ip: req.clientIP, since: since, on: req.db)
        if let wait = throttle.retryAfter(accountFailures: accountFailures, addressFailures: addressFailures, now: now) {
            return try await tooMany(req, wait: wait, SignInPage(csrf: try await req.csrfToken(), email: typed, next: form.next ?? "",
                                                                 error: Self.waitMessage("Too many failed sign-ins", wait) + " Or reset your password."))
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
        RedirectTarget.samePath(next) ?? SiteURL.home.path
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

    /// Limited per address and per client, counted whether or not the address has an account,
    /// and answered the same way either way.
    func forgot(req: Request) async throws -> Response {
        let form = try req.content.decode(EmailForm.self)
        guard let email = EmailAddress(form.email ?? "") else {
            return try await req.render("Reset your password", status: .unprocessableEntity,
                                        ForgotPasswordPage(csrf: try await req.csrfToken(), email: form.email ?? "",
                                                           error: "Enter an e-mail address like name@example.com."))
        }
        let now = req.now
        let waits = [try await AccountSecurity.retryAfter(.resetClient, key: req.clientIP, limit: RequestLimits.resetPerClient, at: now, on: req.db),
                     try await AccountSecurity.retryAfter(.resetAccount, key: email.value, limit: RequestLimits.resetPerAccount, at: now, on: req.db)]
        if let wait = waits.compactMap({ $0 }).max() {
            return try await tooMany(req, wait: wait, ForgotPasswordPage(csrf: try await req.csrfToken(), email: email.value,
                                                                         error: Self.waitMessage("Too many reset requests", wait)))
        }
        try await req.db.transaction { tx in
            try await AccountSecurity.record(.resetClient, key: req.clientIP, at: now, on: tx)
            try await AccountSecurity.record(.resetAccount, key: email.value, at: now, on: tx)
            guard let user = try await Accounts.user(email: email, on: tx) else { return }
            let token = try await Accounts.createPasswordReset(userID: try user.requireID(), at: now, on: tx)
            try await Mailer.send(req, to: user.email, subject: "Reset your Tryout password", body: """
                Someone asked to reset the password of your Tryout account. If it was you, open this link within an hour:

                \(SiteURL.resetPassword(token: token.value).absolute(base: req.tryout.publicURL))

                Choosing a new password signs the account out everywhere, revokes its API tokens and turns off its calendar address.
                If it was not you, ignore this message; your password stays as it is.
                """, at: now, on: tx)
        }
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
            // Whoever held the account before (a guessed password, an unproved sign-up with this
            // address) loses every way in; the link itself proves the address.
            try await AccountSecurity.revokeCredentials(userID: try user.requireID(), at: now, on: tx)
            try await AccountSecurity.markVerified(user, at: now, on: tx)
            try await AuditLog.record(req.auditEntry(.passwordReset, actor: user), at: now, on: tx)
            try await AccountMail.passwordChanged(req, to: user, at: now, on: tx)
        }
        try await req.endSession()
        try await req.flash("Your password has been changed. \(AccountMail.revokedNotice) Sign in with the new password.")
        return req.redirect(to: SiteURL.signIn.path)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
