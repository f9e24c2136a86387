import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// What the billing page shows, as text: money formatted, dates in UTC.
struct BillingViewModel {
    struct Balance { var amount: String; var credit: String? }
    struct Escrow { var title: String; var projectID: UUID; var state: String; var terms: String; var held: String }
    struct Invoice { var id: InvoiceID; var reference: String; var amount: String; var state: String; var created: String }
    struct Line { var date: String; var label: String; var memo: String; var balance: String; var escrow: String; var fees: String }

    var organizationName: String
    var slug: String
    var balances: [Balance]
    var escrows: [Escrow]
    var invoices: [Invoice]
    var monthLabel: String
    var month: StatementMonth
    var lastYear: Int
    var lines: [Line]

    init(_ view: BillingView) {
        organizationName = view.organization.name
        slug = view.organization.slug
        balances = view.balances.map { entry in
            Balance(amount: entry.balance.formatted, credit: entry.creditLimit.amountMinor > 0 ? entry.creditLimit.formatted : nil)
        }
        escrows = view.escrows.map { escrow in
            let terms = escrow.terms
            let fee = terms.feeBasisPoints > 0 ? " + fee \(Money(amountMinor: terms.feePerPlace, currency: escrow.currency).formatted)" : ""
            return Escrow(title: escrow.title, projectID: escrow.project_id, state: escrow.state.capitalized,
                          terms: "\(terms.places) × \(terms.pay.formatted)\(fee)", held: escrow.balance.formatted)
        }
        invoices = view.invoices.map { invoice in
            Invoice(id: InvoiceID(invoice.id!), reference: invoice.reference, amount: invoice.amount.formatted,
                    state: invoice.state.label, created: DateText.day(invoice.createdAt))
        }
        month = view.month
        lastYear = view.taxYear
        monthLabel = view.month.label
        lines = view.statement.map { line in
            let money = { (amount: Int64) in amount == 0 ? "" : Money(amountMinor: amount, currency: line.currency).formatted }
            return Line(date: DateText.day(line.date), label: line.kind.label, memo: line.memo,
                        balance: money(line.balance), escrow: money(line.escrow), fees: money(line.fees))
        }
    }
}
