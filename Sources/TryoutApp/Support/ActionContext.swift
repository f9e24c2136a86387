import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// What every action needs besides its input: where to read and write, the time, who is asking
/// from where, and how to reach people. The web layer builds one per request; a command or a
/// job builds its own, so no action needs an HTTP request.
public struct ActionContext: Sendable {
    public var db: any Database
    public var now: Date
    public var client: ClientInfo
    public var mail: Mailer
    public var passwords: any PasswordHashing
    /// Who acts, when someone is signed in; nil for sign-up, sign-in and other anonymous actions.
    public var principal: Principal?
    /// The acting person's account when the caller has read it already (a browser's session is
    /// read with its user), so that `actingUser()` need not read it again; nil reads it there.
    public var user: UserRecord?
    /// The platform's fee and the payout rules.
    public var payments: PaymentSettings

    public init(db: any Database, now: Date, client: ClientInfo, mail: Mailer, passwords: any PasswordHashing,
                principal: Principal? = nil, payments: PaymentSettings = .init()) {
        self.principal = principal
        self.payments = payments
        self.db = db
        self.now = now
        self.client = client
        self.mail = mail
        self.passwords = passwords
    }

    /// The same context on another connection, such as a transaction.
    public func on(_ db: any Database) -> ActionContext {
        var copy = self
        copy.db = db
        return copy
    }

    /// An audit entry made by `actor`, from this client.
    public func audit(_ action: AuditAction, by actor: UserRecord?, organizationID: UUID? = nil, detail: String = "") async throws {
        try await AuditLog.record(AuditEntry(organizationID: organizationID, actorUserID: actor?.id, actorEmail: actor?.email ?? "",
                                             action: action, detail: detail, ip: client.address), at: now, on: db)
    }
}

/// The facts about the client that actions record: its network address and its browser.
public struct ClientInfo: Sendable, Equatable {
    public var address: String
    public var userAgent: String

    public init(address: String, userAgent: String = "") {
        self.address = address
        self.userAgent = userAgent
    }
}

/// Password hashing, kept behind a protocol: the server hashes on its thread pool, tests cheaply.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async throws -> String
    /// Checks `password` against `hash`; with no hash it still spends the time of a check, so
    /// response times do not reveal which addresses have accounts.
    func verify(_ password: String, against hash: String?) async throws -> Bool
}
