import Foundation
import TryoutApp
import TryoutStore
import Vapor

/// The links e-mails carry, from the site's routes and the address people use.
struct SiteMailLinks: MailLinks {
    let base: String

    var signIn: String { SiteURL.accounts(.signIn()).absolute(base: base) }
    var forgotPassword: String { SiteURL.accounts(.forgotPassword).absolute(base: base) }
    func verifyEmail(token: String, next: String?) -> String {
        SiteURL.accounts(.verifyEmail(.value(token), next: next)).absolute(base: base)
    }
    func resetPassword(token: String) -> String { SiteURL.accounts(.resetPassword(.value(token))).absolute(base: base) }
}

extension Request {
    /// The outbox, with links to this site.
    var mailer: Mailer { Mailer(links: SiteMailLinks(base: tryout.publicURL)) }

    /// What an action needs from this request: the database, the clock, the client, mail and passwords.
    var actionContext: ActionContext {
        let client = ClientInfo(address: clientIP, userAgent: String((headers.first(name: .userAgent) ?? "").prefix(500)))
        return ActionContext(db: db, now: now, client: client, mail: mailer, passwords: passwords, payments: tryout.paymentSettings)
    }

    /// The context of a signed-in person's action; a request without a person is refused as
    /// `requirePrincipal` refuses it.
    func signedInContext() async throws -> ActionContext {
        var context = actionContext
        context.principal = try await requirePrincipal()
        context.user = authState.user
        return context
    }

    /// The context of something anyone may do, such as reading: the signed-in person, if any.
    func visitorContext() async throws -> ActionContext {
        var context = actionContext
        context.principal = try await principal()
        context.user = authState.user
        return context
    }
}

extension Application {
    /// The context of an action the operator runs from the command line: nobody signed in, and
    /// no network address to record.
    var commandContext: ActionContext {
        ActionContext(db: db, now: tryout.now(), client: ClientInfo(address: "command line"),
                      mail: Mailer(links: SiteMailLinks(base: tryout.publicURL)), passwords: PasswordHasher(application: self))
    }
}
