import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// The platform admins' payouts page: what candidates are owed, and the batches so far.
public struct PayoutDesk: Sendable {
    public var owed: [(total: Money, candidates: Int)]
    public var batches: [PayoutBatchRecord]
    public var approval: PayoutApprovalPolicy
    public var bankFileReady: Bool
}

/// One batch with a line per candidate.
public struct PayoutBatchView: Sendable {
    public struct Line: Sendable {
        public var candidate: String
        public var email: String
        public var account: String
        public var amount: Money
        public var organizations: [String]
    }

    public var batch: PayoutBatchRecord
    public var lines: [Line]
    /// Whether the signed-in admin may approve it: it waits, and someone else created it.
    public var mayApprove: Bool
    public var bankFileReady: Bool
}

/// A batch's bank file, ready to download.
public struct PayoutBankFile: Sendable {
    public var filename: String
    public var contentType: String
    public var body: String
}

/// Paying candidates: a platform admin gathers what they are owed in one currency into a batch
/// (moving it to "in transit"), a second admin approves a batch above the threshold, the bank
/// file goes to the bank, and the bank's reference marks it paid. Cancelling gives the
/// payables back. Every step is one transaction with its ledger entry and audit entry.
public enum PayoutsService {
    public enum BankFileFormat: String, Sendable { case csv, pain001 }

    public static func desk(_ ctx: ActionContext) async throws -> PayoutDesk {
        try ctx.authorize(.managePayments)
        return PayoutDesk(owed: try await Payouts.payablesByCurrency(on: ctx.db), batches: try await Payouts.batches(on: ctx.db),
                          approval: ctx.payments.approval, bankFileReady: ctx.payments.payoutAccount != nil)
    }

    /// Batches every candidate owed money in `currency` who has payout details.
    public static func create(currency rawCurrency: String?, _ ctx: ActionContext) async throws -> PayoutBatchRecord {
        try ctx.authorize(.managePayments)
        let currency = (rawCurrency ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard BriefInput.currencies.contains(currency) else {
            throw ValidationFailure([FieldError("currency", "Choose one of the currencies projects pay in.")])
        }
        let admin = try await ctx.actingUser()
        return try await ctx.act(locking: .none) { tx in
            let owed = try await Payouts.owed(in: currency, on: tx.db)
            let details = try await Payouts.details(of: owed.map(\.candidateID), on: tx.db)
            let payable = owed.filter { details[$0.candidateID] != nil }
            guard !payable.isEmpty else {
                throw ValidationFailure([FieldError("currency", "No candidate with payout details is owed \(currency) now.")])
            }
            let batch = PayoutBatchRecord()
            batch.id = UUID()
            batch.reference = InvoiceReference.random(prefix: "PO")
            batch.currency = currency
            batch.totalMinor = payable.reduce(0) { $0 + $1.payableMinor }
            batch.transfers = payable.count
            batch.state = tx.payments.approval.needsSecondApproval(batch.total) ? .awaitingApproval : .approved
            batch.$createdBy.id = admin.id
            batch.createdAt = tx.now
            try await batch.create(on: tx.db)
            for candidate in payable {
                let record = details[candidate.candidateID]!
                for (organizationID, amount) in candidate.byOrganization {
                    let item = PayoutItemRecord()
                    item.$batch.id = batch.id!
                    item.candidateID = candidate.candidateID
                    item.organizationID = organizationID
                    item.amountMinor = amount
                    item.masked = record.masked
                    item.sealed = record.sealed
                    try await item.create(on: tx.db)
                }
            }
            let postings = payable.map { Posting(.payable(of: $0.candidateID, currency), -$0.payableMinor) }
                + [Posting(.platform(.payoutsInTransit, currency), batch.totalMinor)]
            try await Ledger.post(try JournalEntry(.payoutBatched, postings, memo: "Payout \(batch.reference)", uniqueKey: "payout:\(batch.id!)"),
                                  by: admin.id, at: tx.now, on: tx.db)
            try await tx.audit(.payoutBatchCreated, by: admin, detail: "\(batch.reference): \(batch.total.formatted) to \(batch.transfers) candidate(s)")
            return batch
        }
    }

    public static func view(_ id: UUID?, _ ctx: ActionContext) async throws -> PayoutBatchView {
        try ctx.authorize(.managePayments)
        let batch = try await find(id, ctx)
        let items = try await Payouts.items(of: try batch.requireID(), on: ctx.db)
        let users = try await UserRecord.query(on: ctx.db).filter(\.$id ~~ Set(items.map(\.candidateID))).all()
        let organizations = try await OrganizationRecord.query(on: ctx.db).filter(\.$id ~~ Set(items.map(\.organizationID))).all()
        let lines = Dictionary(grouping: items, by: \.candidateID).map { candidateID, items -> PayoutBatchView.Line in
            let user = users.first { $0.id == candidateID }
            return PayoutBatchView.Line(candidate: user?.displayName ?? "A former member", email: user?.email ?? "", account: items[0].masked,
                                        amount: Money(amountMinor: items.reduce(0) { $0 + $1.amountMinor }, currency: batch.currency),
                                        organizations: items.compactMap { item in organizations.first { $0.id == item.organizationID }?.name }.sorted())
        }.sorted { $0.candidate < $1.candidate }
        let mayApprove = PayoutApprovalPolicy.mayApprove(batch.state, createdBy: batch.$createdBy.id, approver: ctx.principal?.userID)
        return PayoutBatchView(batch: batch, lines: lines, mayApprove: mayApprove, bankFileReady: ctx.payments.payoutAccount != nil)
    }

    /// A second admin's approval, never the creator's own.
    public static func approve(_ id: UUID?, _ ctx: ActionContext) async throws -> PayoutBatchRecord {
        try ctx.authorize(.managePayments)
        let batch = try await find(id, ctx)
        let admin = try await ctx.actingUser()
        guard batch.state == .awaitingApproval else { throw ActionError.conflict("Payout \(batch.reference) is not waiting for approval.") }
        guard PayoutApprovalPolicy.mayApprove(batch.state, createdBy: batch.$createdBy.id, approver: admin.id) else {
            throw ActionError.conflict("A second platform admin approves payout \(batch.reference): you created it.")
        }
        return try await ctx.act(locking: .none) { tx in
            guard try await Payouts.move(try batch.requireID(), from: [.awaitingApproval], to: .approved, by: try admin.requireID(), at: tx.now, on: tx.db) else {
                throw ActionError.conflict("Payout \(batch.reference) changed meanwhile; reload it.")
            }
            try await tx.audit(.payoutBatchApproved, by: admin, detail: "\(batch.reference): \(batch.total.formatted)")
            return try await find(id, tx)
        }
    }

    /// The bank confirmed the transfers: the money leaves "in transit" for good, each
    /// organization hears that the pay it released arrived, and each candidate is told.
    public static func markPaid(_ id: UUID?, bankReference rawReference: String?, _ ctx: ActionContext) async throws -> PayoutBatchRecord {
        try ctx.authorize(.managePayments)
        var v = Validator()
        let bankReference = v.required(rawReference, "bankReference", label: "The bank's reference", maxLength: 140)
        try v.finish()
        let batch = try await find(id, ctx)
        let admin = try await ctx.actingUser()
        guard batch.state == .approved else { throw ActionError.conflict("Payout \(batch.reference) is \(batch.state.label.lowercased()); only an approved batch is paid.") }
        let batchID = try batch.requireID()
        return try await ctx.act(locking: .none) { tx in
            guard try await Payouts.move(batchID, from: [.approved], to: .paid, by: try admin.requireID(), at: tx.now,
                                         bankReference: bankReference, on: tx.db) else {
                throw ActionError.conflict("Payout \(batch.reference) changed meanwhile; reload it.")
            }
            try await Ledger.post(.transfer(.payoutPaid, batch.totalMinor, from: .platform(.payoutsInTransit, batch.currency),
                                            to: .platform(.paidOut, batch.currency), memo: "Payout \(batch.reference), bank reference \(bankReference)",
                                            uniqueKey: "payout:paid:\(batchID)"),
                                  by: admin.id, at: tx.now, on: tx.db)
            let shares = try await Payouts.byOrganization(batchID: batchID, on: tx.db)
            let organizations = try await OrganizationRecord.query(on: tx.db).filter(\.$id ~~ shares.map(\.organization_id)).all()
            for share in shares {
                let slug = organizations.first { $0.id == share.organization_id }?.slug ?? ""
                let amount = Money(amountMinor: share.amount_minor, currency: batch.currency)
                let people = share.candidates == 1 ? "1 candidate" : "\(share.candidates) candidates"
                try await Webhooks.emit(WebhookEvent(.payoutPaid, organizationID: OrganizationID(share.organization_id),
                                                     data: .payout(.init(reference: batch.reference, amountMinor: share.amount_minor, currency: batch.currency,
                                                                         candidates: Int(share.candidates), paidAt: tx.now)),
                                                     summary: "\(amount.formatted) of the pay you released reached \(people) in payout \(batch.reference).",
                                                     link: tx.mail.links.base + tx.mail.links.billing(organizationSlug: slug)), tx)
            }
            try await tell(candidatesOf: batchID, batch, tx)
            try await tx.audit(.payoutBatchPaid, by: admin, detail: "\(batch.reference): \(batch.total.formatted), bank reference \(bankReference)")
            return try await find(id, tx)
        }
    }

    /// Gives every payable in the batch back: a reversing entry, so the ledger keeps both.
    public static func cancel(_ id: UUID?, _ ctx: ActionContext) async throws -> PayoutBatchRecord {
        try ctx.authorize(.managePayments)
        let batch = try await find(id, ctx)
        let admin = try await ctx.actingUser()
        guard batch.state.canCancel else { throw ActionError.conflict("Payout \(batch.reference) is \(batch.state.label.lowercased()) and stays so.") }
        let batchID = try batch.requireID()
        return try await ctx.act(locking: .none) { tx in
            guard try await Payouts.move(batchID, from: [.awaitingApproval, .approved], to: .cancelled, by: try admin.requireID(), at: tx.now, on: tx.db) else {
                throw ActionError.conflict("Payout \(batch.reference) changed meanwhile; reload it.")
            }
            let amounts = Dictionary(try await Payouts.items(of: batchID, on: tx.db).map { ($0.candidateID, $0.amountMinor) }, uniquingKeysWith: +)
            let postings = amounts.map { Posting(.payable(of: $0.key, batch.currency), $0.value) }
                + [Posting(.platform(.payoutsInTransit, batch.currency), -batch.totalMinor)]
            var references = LedgerReferences()
            references.reverses = try await Ledger.entryID(uniqueKey: "payout:\(batchID)", on: tx.db)
            try await Ledger.post(try JournalEntry(.reversal, postings, memo: "Payout \(batch.reference) cancelled",
                                                   uniqueKey: "payout:cancel:\(batchID)", references: references),
                                  by: admin.id, at: tx.now, on: tx.db)
            try await tx.audit(.payoutBatchCancelled, by: admin, detail: "\(batch.reference): \(batch.total.formatted)")
            return try await find(id, tx)
        }
    }

    /// The batch for the bank: CSV, or `pain.001.001.09` when the platform's account is set.
    /// Every download is in the audit log, for it holds account numbers in the clear.
    public static func bankFile(_ id: UUID?, format: BankFileFormat, _ ctx: ActionContext) async throws -> PayoutBankFile {
        try ctx.authorize(.managePayments)
        let batch = try await find(id, ctx)
        guard batch.state.canExport else { throw ActionError.conflict("Payout \(batch.reference) needs a second admin's approval before its bank file.") }
        let debtor = ctx.payments.payoutAccount
        if format == .pain001, debtor == nil {
            throw ActionError.conflict("Set TRYOUT_PAYOUT_ACCOUNT (Name|IBAN|BIC of the account payouts leave from) to make ISO 20022 files; the CSV needs nothing.")
        }
        let items = try await Payouts.items(of: try batch.requireID(), on: ctx.db)
        var transfers: [PayoutTransfer] = []
        for (index, (candidateID, items)) in Dictionary(grouping: items, by: \.candidateID).sorted(by: { $0.key.uuidString < $1.key.uuidString }).enumerated() {
            guard let details = try? ctx.payments.cipher.open(PayoutDetails.self, from: items[0].sealed,
                                                               context: PayoutDetailsService.sealingContext(candidateID)) else {
                throw ActionError.unavailable("Payout details in \(batch.reference) cannot be opened with this server's key; set the key they were sealed with.")
            }
            transfers.append(PayoutTransfer(endToEndID: "\(batch.reference)-\(index + 1)",
                                            amount: Money(amountMinor: items.reduce(0) { $0 + $1.amountMinor }, currency: batch.currency),
                                            details: details, remittance: "Tryout payout \(batch.reference)"))
        }
        let admin = try await ctx.actingUser()
        try await ctx.audit(.payoutBatchExported, by: admin, detail: "\(batch.reference) as \(format == .csv ? "CSV" : "pain.001")")
        guard let debtor, format == .pain001 else {
            return PayoutBankFile(filename: "\(batch.reference).csv", contentType: "text/csv; charset=utf-8", body: CreditTransferFile.csv(transfers))
        }
        let file = CreditTransferFile(messageID: batch.reference, createdAt: ctx.now, executionDate: ctx.now, debtor: debtor,
                                      currency: batch.currency, transfers: transfers)
        return PayoutBankFile(filename: "\(batch.reference).xml", contentType: "application/xml; charset=utf-8", body: file.xml)
    }

    private static func find(_ id: UUID?, _ ctx: ActionContext) async throws -> PayoutBatchRecord {
        guard let id, let batch = try await Payouts.batch(id, on: ctx.db) else { throw ActionError.notFound }
        return batch
    }

    private static func tell(candidatesOf batchID: UUID, _ batch: PayoutBatchRecord, _ tx: ActionContext) async throws {
        let amounts = Dictionary(try await Payouts.items(of: batchID, on: tx.db).map { ($0.candidateID, $0.amountMinor) }, uniquingKeysWith: +)
        for user in try await UserRecord.query(on: tx.db).filter(\.$id ~~ Set(amounts.keys)).all() {
            let amount = Money(amountMinor: amounts[try user.requireID()] ?? 0, currency: batch.currency)
            let text = "Your payout of \(amount.formatted) was sent to your bank (payout \(batch.reference)). Banks take one to three working days."
            try await Notifications.add(userID: try user.requireID(), message: text, link: tx.mail.links.earnings, at: tx.now, on: tx.db)
            try await tx.mail.send(MailMessage(to: user.email, subject: "Your payout of \(amount.formatted) is on its way",
                                               text: "\(text)\n\n\(tx.mail.links.base + tx.mail.links.earnings)\n"), at: tx.now, on: tx.db)
        }
    }
}
