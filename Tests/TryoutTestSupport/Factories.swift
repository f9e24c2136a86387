import Fluent
import Foundation
import TryoutCore
import TryoutStore
import NIOConcurrencyHelpers
import Vapor

/// Builds people and organizations straight in the store, for tests that are not about sign-up.
public struct Factory {
    let app: TestApp

    public init(_ app: TestApp) { self.app = app }

    private static let hashes = NIOLockedValueBox<String?>(nil)

    /// The bcrypt hash of `TestApp.password` at the test cost, computed once.
    private func passwordHash() throws -> String {
        if let hash = Self.hashes.withLockedValue({ $0 }) { return hash }
        let hash = try Bcrypt.hash(TestApp.password, cost: 4)
        Self.hashes.withLockedValue { $0 = hash }
        return hash
    }

    @discardableResult
    /// A user whose address is proved, unless `verified` is false.
    public func user(_ email: String, name: String? = nil, admin: Bool = false, verified: Bool = true) async throws -> UserRecord {
        try await Accounts.createUser(email: EmailAddress(email)!, displayName: name ?? email, passwordHash: try passwordHash(),
                                      isPlatformAdmin: admin, verified: verified, at: app.clock.now, on: app.db)
    }

    /// An organization with one member per role given, e-mails `role@slug.test`; an employer
    /// has money for publishing unless `funded` is false.
    @discardableResult
    public func organization(_ name: String, kind: OrganizationKind = .employer,
                             roles: [MemberRole] = [.owner], funded: Bool = true) async throws -> OrganizationRecord {
        let slug = Slug.make(from: name)
        let owner = try await user("owner@\(slug).test")
        let org = try await Organizations.create(kind: kind, name: name, ownerID: try owner.requireID(), at: app.clock.now, on: app.db)
        if kind == .employer && funded { try await fund(org) }
        for role in roles where role != .owner {
            let member = try await user("\(role.rawValue)@\(slug).test")
            try await Organizations.addMember(orgID: try org.requireID(), userID: try member.requireID(), role: role, at: app.clock.now, on: app.db)
        }
        return org
    }

    /// Money for publishing paid projects: a million in every currency briefs may pay in.
    public func fund(_ org: OrganizationRecord, major: Int64 = 1_000_000) async throws {
        for currency in BriefInput.currencies {
            let amount = major * CurrencyExponent.scale(currency)
            try await Ledger.post(.transfer(.funding, amount, from: .platform(.externalFunding, currency), to: .balance(of: try org.requireID(), currency),
                                            memo: "Test funds"), by: nil, at: app.clock.now, on: app.db)
        }
    }

    /// Pay released to `earner` as accepting a deliverable releases it: held in the escrow of
    /// `references`' project (a new one when none), then released with those references.
    public func release(_ amount: Int64, _ currency: String = "USD", to earner: LedgerAccount, references: LedgerReferences = .init(),
                        memo: String = "“Report”, Churn") async throws {
        let escrow = LedgerAccount.escrow(of: references.projectID ?? UUID(), currency)
        try await Ledger.post(.transfer(.escrowHold, amount, from: .platform(.externalFunding, currency), to: escrow, memo: "hold"),
                              by: nil, at: app.clock.now, on: app.db)
        try await Ledger.post(.transfer(.release, amount, from: escrow, to: earner, memo: memo, references: references),
                              by: nil, at: app.clock.now, on: app.db)
    }

    public func member(_ email: String, of org: OrganizationRecord) async throws -> MemberRecord {
        let user = try await Accounts.user(email: EmailAddress(email)!, on: app.db)!
        return try await MemberRecord.query(on: app.db)
            .filter(\.$organization.$id == org.requireID()).filter(\.$user.$id == user.requireID())
            .with(\.$user).first()!
    }
}
