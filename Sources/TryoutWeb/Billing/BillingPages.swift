import Foundation
import Plot
import TryoutCore
import TryoutStore

/// `/orgs/:slug/billing`: the balance and any credit, what each project holds in escrow, the
/// invoices to add funds, the month's statement with its CSV, and the payroll and tax reports.
struct BillingPage: Component {
    var model: BillingViewModel
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Billing: \(model.organizationName)")
            ErrorSummary(errors: errors)
            Tag("section", ["class": "panel", "aria-labelledby": "balance-title"]) {
                Tag.text("h2", "Balance", ["id": "balance-title"])
                if model.balances.isEmpty {
                    Tag.text("p", "No money yet. Add funds below: publishing a paid project holds its places' pay in escrow.")
                } else {
                    Tag("dl", ["class": "facts"]) {
                        for balance in model.balances {
                            Tag.text("dt", "Available")
                            Tag.text("dd", balance.amount + (balance.credit.map { " (credit up to \($0))" } ?? ""))
                        }
                    }
                }
                addFunds
            }
            escrow
            invoices
            statement
            reports
        }
    }

    /// What the employer's payroll and tax filer need from Tryout.
    private var reports: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "reports-title"]) {
            Tag.text("h2", "Payroll and tax", ["id": "reports-title"])
            Tag("ul", [:]) {
                Tag("li", [:]) {
                    Tag.link("Payroll", to: SiteURL.billing(.payroll(.value(model.slug))).path)
                    Text(": employees' pay released each month, for your payroll")
                }
                Tag("li", [:]) {
                    Tag.link("Contractors' 1099-NEC figures for \(String(model.lastYear)) (CSV)", to: SiteURL.billing(.form1099(.value(model.slug), year: model.lastYear)).path)
                    Text(": US dollar pay per contractor, with their tax identifier, for your filer")
                }
            }
        }
    }

    private var addFunds: Component {
        PostForm(action: SiteURL.billing(.invoices(.value(model.slug))).path, csrf: csrf) {
            Tag.text("h3", "Add funds by bank transfer")
            IdempotencyField()
            Field(name: "amount", label: "Amount", value: form["amount"] ?? "", error: errors.message("amount"),
                  hint: "You get an invoice with a reference to quote; the balance grows when the transfer arrives.",
                  extra: [("inputmode", "decimal")])
            SelectField(name: "currency", label: "Currency", options: BriefInput.currencies.map { ($0, $0) },
                        selected: form["currency"] ?? "USD", error: errors.message("currency"))
            Submit("Get an invoice")
        }
    }

    private var escrow: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "escrow-title"]) {
            Tag.text("h2", "Held in escrow", ["id": "escrow-title"])
            if model.escrows.isEmpty {
                Tag.text("p", "Nothing yet: publishing a paid project holds its pay here until work is accepted.")
            } else {
                ScrollRegion(label: "Escrow by project") {
                    Tag("table", [:]) {
                        Tag("thead", [:]) {
                            Tag("tr", [:]) { for heading in ["Project", "State", "Places × pay", "Held now"] { Tag.text("th", heading, ["scope": "col"]) } }
                        }
                        Tag("tbody", [:]) {
                            for escrow in model.escrows {
                                Tag("tr", [:]) {
                                    Tag("td", [:]) { Tag.link(escrow.title, to: SiteURL.projects(.project(.value(ProjectID(escrow.projectID)))).path) }
                                    Tag.text("td", escrow.state, ["data-label": "State"])
                                    Tag.text("td", escrow.terms, ["data-label": "Places × pay"])
                                    Tag.text("td", escrow.held, ["data-label": "Held now"])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private var invoices: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "invoices-title"]) {
            Tag.text("h2", "Invoices", ["id": "invoices-title"])
            if model.invoices.isEmpty {
                Tag.text("p", "No invoices yet.")
            } else {
                Tag("ul", [:]) {
                    for invoice in model.invoices {
                        Tag("li", [:]) {
                            Tag.link("\(invoice.reference): \(invoice.amount)", to: SiteURL.billing(.invoice(.value(model.slug), .value(invoice.id))).path)
                            Text(" · \(invoice.state) · \(invoice.created)")
                        }
                    }
                }
            }
        }
    }

    private var statement: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "statement-title"]) {
            Tag.text("h2", "Statement for \(model.monthLabel)", ["id": "statement-title"])
            Tag("p", [:]) {
                Tag.link("Previous month", to: SiteURL.billing(.billing(.value(model.slug), month: model.month.previous.text)).path)
                Text(" · ")
                Tag.link("Next month", to: SiteURL.billing(.billing(.value(model.slug), month: model.month.next.text)).path)
                Text(" · ")
                Tag.link("Download as CSV", to: SiteURL.billing(.statementCSV(.value(model.slug), month: model.month.text)).path)
            }
            if model.lines.isEmpty {
                Tag.text("p", "Nothing moved this month.")
            } else {
                ScrollRegion(label: "Entries in \(model.monthLabel)") {
                    Tag("table", [:]) {
                        Tag("thead", [:]) {
                            Tag("tr", [:]) { for heading in ["Date", "What", "Details", "Balance", "Escrow", "Fees"] { Tag.text("th", heading, ["scope": "col"]) } }
                        }
                        Tag("tbody", [:]) {
                            for line in model.lines {
                                Tag("tr", [:]) {
                                    for (heading, cell) in zip(["Date", "What", "Details", "Balance", "Escrow", "Fees"], [line.date, line.label, line.memo, line.balance, line.escrow, line.fees]) {
                                        Tag.text("td", cell, ["data-label": heading])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `/orgs/:slug/billing/invoices/:id`: a printable invoice with the reference to quote.
struct InvoicePage: Component {
    var invoice: InvoiceRecord
    var bankDetails: [String]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Invoice \(invoice.reference)")
            Tag("p", [:]) { Tag.link("Back to billing", to: SiteURL.billing(.billing(.value(invoice.organization.slug))).path) }
            Tag("dl", ["class": "facts"]) {
                for (term, value) in [("Billed to", invoice.organization.name), ("Amount", invoice.amount.formatted),
                                      ("Reference to quote", invoice.reference), ("Issued", DateText.day(invoice.createdAt)),
                                      ("Status", invoice.state.label)] {
                    Tag.text("dt", term)
                    Tag.text("dd", value)
                }
                if let paid = invoice.paidAt {
                    Tag.text("dt", "Received")
                    Tag.text("dd", DateText.day(paid) + (invoice.bankReference.map { ", bank reference \($0)" } ?? ""))
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "pay-title"]) {
                Tag.text("h2", "How to pay", ["id": "pay-title"])
                Tag.text("p", "Send \(invoice.amount.formatted) by bank transfer and quote \(invoice.reference) as the payment reference, "
                         + "so the money reaches your balance. Funds show on the billing page once the platform records their arrival.")
                if !bankDetails.isEmpty {
                    Tag("p", ["class": "lines"]) { Text(bankDetails.joined(separator: "\n")) }
                }
            }
        }
    }
}
