import Foundation
import Plot
import TryoutApp
import TryoutCore
import TryoutStore

/// `/admin/payments`: invoices waiting for their transfer, with the forms to record a receipt
/// against its reference and to set an organization's credit.
struct PaymentsDeskPage: Component {
    var desk: PaymentsAdminService.Desk
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Payments")
            ErrorSummary(errors: errors)
            Tag("p", [:]) { Tag.link("Payouts to candidates", to: SiteURL.payouts(.list).path) }
            Tag("section", ["class": "panel", "aria-labelledby": "open-title"]) {
                Tag.text("h2", "Invoices awaiting payment", ["id": "open-title"])
                if desk.openInvoices.isEmpty {
                    Tag.text("p", "None.")
                } else {
                    ScrollRegion(label: "Open invoices") {
                        Tag("table", [:]) {
                            Tag("thead", [:]) {
                                Tag("tr", [:]) { for heading in ["Reference", "Organization", "Amount", "Issued"] { Tag.text("th", heading, ["scope": "col"]) } }
                            }
                            Tag("tbody", [:]) {
                                for invoice in desk.openInvoices {
                                    Tag("tr", [:]) {
                                        Tag.text("td", invoice.reference)
                                        Tag.text("td", invoice.organization.name, ["data-label": "Organization"])
                                        Tag.text("td", invoice.amount.formatted, ["data-label": "Amount"])
                                        Tag.text("td", DateText.day(invoice.createdAt), ["data-label": "Issued"])
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "receipt-title"]) {
                Tag.text("h2", "Record a transfer received", ["id": "receipt-title"])
                PostForm(action: SiteURL.billing(.receipts).path, csrf: csrf) {
                    IdempotencyField()
                    Field(name: "reference", label: "Invoice reference", value: form["reference"] ?? "", error: errors.message("reference"),
                          hint: "As the payer quoted it, like TRY-7K3M-9QX2.")
                    Field(name: "amount", label: "Amount received", value: form["amount"] ?? "", error: errors.message("amount"),
                          extra: [("inputmode", "decimal")])
                    SelectField(name: "currency", label: "Currency", options: BriefInput.currencies.map { ($0, $0) },
                                selected: form["currency"] ?? "USD", error: errors.message("currency"))
                    Field(name: "bankReference", label: "The bank's reference for the transfer", value: form["bankReference"] ?? "",
                          error: errors.message("bankReference"))
                    Submit("Record the receipt")
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "credit-title"]) {
                Tag.text("h2", "Credit terms", ["id": "credit-title"])
                Tag.text("p", "How far below zero an organization's balance may go to publish, in one currency; 0 takes credit away.")
                PostForm(action: SiteURL.billing(.credit).path, csrf: csrf) {
                    IdempotencyField()
                    SelectField(name: "organizationID", label: "Organization",
                                options: desk.organizations.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                selected: form["organizationID"] ?? "", error: errors.message("organizationID"))
                    Field(name: "creditAmount", label: "Credit limit", value: form["creditAmount"] ?? "", error: errors.message("creditAmount"),
                          extra: [("inputmode", "decimal")])
                    SelectField(name: "creditCurrency", label: "Credit currency", options: BriefInput.currencies.map { ($0, $0) },
                                selected: form["creditCurrency"] ?? "USD", error: errors.message("creditCurrency"))
                    Submit("Set the credit limit")
                }
            }
        }
    }
}
