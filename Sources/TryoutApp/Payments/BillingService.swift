import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// One line of an organization's statement: an entry, with what it did to the balance, to
/// escrow and in fees.
public struct OrganizationStatementLine: Sendable, Equatable {
    public var date: Date
    public var kind: JournalEntryKind
    public var memo: String
    public var currency: String
    public var balance: Int64
    public var escrow: Int64
    public var payroll: Int64
    public var fees: Int64
}

/// An organization's money: balance and credit per currency, escrow per project, invoices, and
/// the month's statement.
public struct BillingView: Sendable {
    public var organization: OrganizationRecord
    public var balances: [(balance: Money, creditLimit: Money)]
    public var escrows: [HeldEscrow]
    public var invoices: [InvoiceRecord]
    public var month: StatementMonth
    public var statement: [OrganizationStatementLine]
    /// The last full calendar year, whose contractors' tax figures filers ask for.
    public var taxYear: Int
}

/// Adding funds and reading what an organization holds. Owners and admins only; anyone else
/// gets not found.
public enum BillingService {
    public static func billing(slug: String?, month rawMonth: String?, _ ctx: ActionContext) async throws -> BillingView {
        let org = try await OrganizationsService.organization(slug: slug, for: Action.manageBilling, ctx)
        let orgID = try org.requireID()
        let month = StatementMonth(rawMonth) ?? StatementMonth(containing: ctx.now)
        var balances: [(Money, Money)] = []
        for money in try await Ledger.balances(.organizationBalance, owner: orgID, on: ctx.db) {
            let limit = try await Ledger.state(of: .balance(of: orgID, money.currency), on: ctx.db)?.creditLimit ?? 0
            balances.append((money, Money(amountMinor: limit, currency: money.currency)))
        }
        return BillingView(organization: org, balances: balances, escrows: try await Escrows.held(by: orgID, on: ctx.db),
                           invoices: try await Invoices.of(organizationID: orgID, on: ctx.db), month: month,
                           statement: try await statement(of: orgID, month, ctx), taxYear: StatementMonth(containing: ctx.now).year - 1)
    }

    /// The month's entries, one line each, oldest first.
    public static func statement(of organizationID: UUID, _ month: StatementMonth, _ ctx: ActionContext) async throws -> [OrganizationStatementLine] {
        var lines: [OrganizationStatementLine] = []
        var lastEntry: UUID?
        for posting in try await LedgerStatements.organization(organizationID, from: month.start, to: month.end, on: ctx.db) {
            // The postings come ordered by entry: a new entry (or currency) starts a new line.
            if posting.entry_id != lastEntry || lines.last?.currency != posting.currency {
                lastEntry = posting.entry_id
                lines.append(OrganizationStatementLine(date: posting.created_at, kind: JournalEntryKind(rawValue: posting.kind) ?? .reversal,
                                                       memo: posting.memo, currency: posting.currency, balance: 0, escrow: 0, payroll: 0, fees: 0))
            }
            switch LedgerAccountKind(rawValue: posting.account_kind) {
            case .organizationBalance: lines[lines.count - 1].balance += posting.amount_minor
            case .projectEscrow: lines[lines.count - 1].escrow += posting.amount_minor
            case .organizationPayroll: lines[lines.count - 1].payroll += posting.amount_minor
            case .platformFees: lines[lines.count - 1].fees += posting.amount_minor
            default: break
            }
        }
        return lines
    }

    /// The statement as CSV, amounts in major units with the currency's decimals.
    public static func statementCSV(_ lines: [OrganizationStatementLine]) -> String {
        CSV.document(header: ["date", "kind", "description", "currency", "balance", "escrow", "payroll", "fees"], rows: lines.map { line in
            [DateText.iso(line.date), line.kind.rawValue, line.memo, line.currency]
                + [line.balance, line.escrow, line.payroll, line.fees].map { Money(amountMinor: $0, currency: line.currency).plainSigned }
        })
    }

    /// An invoice to pay by bank transfer, quoting its reference; the balance grows when a
    /// platform admin records the money's arrival.
    public static func requestInvoice(slug: String?, _ input: AmountInput, _ ctx: ActionContext) async throws -> InvoiceRecord {
        let org = try await OrganizationsService.organization(slug: slug, for: Action.manageBilling, ctx)
        let actor = try await ctx.actingUser()
        return try await ctx.act(locking: .none) { tx in
            let invoice = try await Invoices.create(input.money, organizationID: try org.requireID(), by: actor.id, at: tx.now, on: tx.db)
            try await tx.audit(.invoiceIssued, by: actor, organizationID: org.id, detail: "\(invoice.reference): \(input.money.formatted)")
            return invoice
        }
    }

    public static func invoice(slug: String?, _ id: UUID?, _ ctx: ActionContext) async throws -> InvoiceRecord {
        let org = try await OrganizationsService.organization(slug: slug, for: Action.manageBilling, ctx)
        guard let id, let invoice = try await Invoices.find(id, organizationID: try org.requireID(), on: ctx.db) else { throw ActionError.notFound }
        return invoice
    }
}
