import FluentKit
import Foundation
import TryoutCore

/// Money coming in: the receipt of an invoice's bank transfer credits the organization's balance.
/// Whichever provider brought it (a bank transfer today, a card later), funding is one entry
/// from the platform's external funding account, keyed by the invoice so it counts once.
public enum Funding {
    public static func receive(_ invoice: InvoiceRecord, amount: Money, bankReference: String, by actorID: UUID?,
                               at now: Date, on db: any Database) async throws {
        let invoiceID = try invoice.requireID()
        let outcome = try await Ledger.post(.transfer(.funding, amount.amountMinor, from: .platform(.externalFunding, amount.currency),
                                                      to: .balance(of: invoice.$organization.id, amount.currency),
                                                      memo: "Bank transfer \(bankReference) for invoice \(invoice.reference)",
                                                      uniqueKey: "invoice:\(invoiceID)",
                                                      references: .init(organizationID: invoice.$organization.id)),
                                            by: actorID, at: now, on: db)
        invoice.state = .paid
        invoice.paidAt = now
        invoice.$recordedBy.id = actorID
        invoice.bankReference = bankReference
        invoice.entryID = outcome.entryID
        try await invoice.save(on: db)
    }
}
