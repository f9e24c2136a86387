import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The platform admins' side of money: recording bank transfers that arrived against their
/// invoice's reference, and granting organizations credit. Anyone else gets not found.
public enum PaymentsAdminService {
    public struct Desk: Sendable {
        public var openInvoices: [InvoiceRecord]
        public var organizations: [OrganizationRecord]
    }

    /// Refuses, as not found, anyone but a platform admin: before a request's body is judged.
    public static func requirePaymentsAdmin(_ ctx: ActionContext) throws {
        try ctx.authorize(.managePayments)
    }

    public static func desk(_ ctx: ActionContext) async throws -> Desk {
        try ctx.authorize(.managePayments)
        return Desk(openInvoices: try await Invoices.open(on: ctx.db),
                    organizations: try await Organizations.all(on: ctx.db).filter { $0.kind == .employer })
    }

    /// Records money received for the invoice with `reference`: the amount that arrived (which
    /// may differ from the invoice's) goes to the organization's balance, once.
    public static func recordReceipt(reference rawReference: String?, _ amount: AmountInput, bankReference rawBank: String?,
                                     _ ctx: ActionContext) async throws -> InvoiceRecord {
        try ctx.authorize(.managePayments)
        var v = Validator()
        let bankReference = v.required(rawBank, "bankReference", label: "The bank's reference", maxLength: 140)
        let reference = InvoiceReference.normalized(rawReference)
        v.check(reference != nil, "reference", "Enter the invoice reference, like TRY-7K3M-9QX2.")
        guard let reference, v.errors.isEmpty else { throw ValidationFailure(v.errors) }
        let actor = try await ctx.actingUser()
        return try await ctx.act(locking: .none) { tx in
            guard let invoice = try await Invoices.find(reference: reference, on: tx.db) else {
                throw ValidationFailure([FieldError("reference", "No invoice has the reference \(reference).")])
            }
            guard invoice.state == .open else { throw ActionError.conflict("Invoice \(reference) is \(invoice.state.label.lowercased()) already.") }
            guard invoice.currency == amount.money.currency else {
                throw ValidationFailure([FieldError("currency", "Invoice \(reference) is in \(invoice.currency).")])
            }
            try await Funding.receive(invoice, amount: amount.money, bankReference: bankReference, by: actor.id, at: tx.now, on: tx.db)
            try await tx.audit(.fundingReceived, by: actor, organizationID: invoice.$organization.id,
                               detail: "\(reference): \(amount.money.formatted), bank reference \(bankReference)")
            return invoice
        }
    }

    /// Lets the organization's balance go down to minus `limit` in its currency; zero takes
    /// credit away, which is refused while the balance uses it.
    public static func grantCredit(to organizationID: OrganizationID?, _ limit: AmountInput, _ ctx: ActionContext) async throws {
        try ctx.authorize(.managePayments)
        guard let organizationID, let org = try await OrganizationRecord.find(organizationID.uuid, on: ctx.db), org.kind == .employer else {
            throw ActionError.notFound
        }
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { tx in
            try await Ledger.setCreditLimit(limit.money.amountMinor, for: organizationID.uuid, currency: limit.money.currency, at: tx.now, on: tx.db)
            try await tx.audit(.creditGranted, by: actor, organizationID: organizationID.uuid, detail: "\(org.name): \(limit.money.formatted)")
        }
    }
}
