import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A person's payout details as their pages show them: masked.
public struct PayoutDetailsView: Sendable, Equatable {
    public var method: String
    public var holder: String
    public var account: String
    public var taxID: String?
    public var updatedAt: Date
}

/// Where a candidate's payouts go. Sealed with the server's key before they reach the database,
/// bound to their owner, and shown back masked; only a payout batch's bank file opens them.
public enum PayoutDetailsService {
    /// What binds sealed details to their owner: details copied onto another person do not open.
    static func sealingContext(_ userID: UUID) -> String { "payout-details:\(userID)" }

    public static func current(_ ctx: ActionContext) async throws -> PayoutDetailsView? {
        let userID = try ctx.actingPrincipal().userID
        guard let record = try await Payouts.details(of: userID, on: ctx.db) else { return nil }
        let details = try? ctx.payments.cipher.open(PayoutDetails.self, from: record.sealed, context: sealingContext(userID))
        return PayoutDetailsView(method: record.method, holder: details?.holder ?? "", account: record.masked,
                                 taxID: details?.maskedTaxID, updatedAt: record.updatedAt)
    }

    @discardableResult
    public static func save(_ input: PayoutDetailsInput, _ ctx: ActionContext) async throws -> PayoutDetailsView {
        let user = try await ctx.actingUser()
        let details = try input.validated()
        let userID = try user.requireID()
        let sealed = try ctx.payments.cipher.seal(details, context: sealingContext(userID))
        try await ctx.act(locking: .none) { tx in
            try await Payouts.saveDetails(of: userID, method: details.account.kind, masked: details.account.masked, sealed: sealed, at: tx.now, on: tx.db)
            try await tx.audit(.payoutDetailsSaved, by: user, detail: details.account.masked)
        }
        return PayoutDetailsView(method: details.account.kind, holder: details.holder, account: details.account.masked,
                                 taxID: details.maskedTaxID, updatedAt: ctx.now)
    }
}
