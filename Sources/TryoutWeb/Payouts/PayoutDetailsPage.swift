import Foundation
import Plot
import TryoutApp
import TryoutCore

/// `/earnings/payout-details`: where a person's payouts go. What is saved shows masked; the form
/// always starts blank, so account numbers never travel back to the browser.
struct PayoutDetailsPage: Component {
    var current: PayoutDetailsView?
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Payout details")
            ErrorSummary(errors: errors)
            Tag("section", ["class": "panel", "aria-labelledby": "saved-title"]) {
                Tag.text("h2", "Saved", ["id": "saved-title"])
                if let current {
                    Tag("dl", [:]) {
                        Tag.text("dt", "Account holder")
                        Tag.text("dd", current.holder.isEmpty ? "Enter your details again: they can no longer be read." : current.holder)
                        Tag.text("dt", "Account")
                        Tag.text("dd", current.account)
                        Tag.text("dt", "Tax identifier")
                        Tag.text("dd", current.taxID ?? "None given")
                    }
                    Tag.text("p", "Saved \(DateText.day(current.updatedAt)). Saving again replaces them for the next payout.", ["class": "meta"])
                } else {
                    Tag.text("p", "None yet: released pay waits here until you add an account.")
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "form-title"]) {
                Tag.text("h2", current == nil ? "Add an account" : "Replace the account", ["id": "form-title"])
                Tag.text("p", "Stored encrypted; pages show only the last digits.", ["class": "meta"])
                PostForm(action: SiteURL.payouts(.details).path, csrf: csrf) {
                    Field(name: "holder", label: "Account holder's name", value: form["holder"] ?? "", error: errors.message("holder"),
                          hint: "As your bank has it.", autocomplete: "name")
                    SelectField(name: "method", label: "Kind of account",
                                options: [("iban", "IBAN (Europe and other countries that use IBANs)"), ("us", "US bank account")],
                                selected: form["method"] ?? "iban", error: errors.message("method"))
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "IBAN")
                        Field(name: "iban", label: "IBAN", value: form["iban"] ?? "", error: errors.message("iban"),
                              hint: "Like GB82 WEST 1234 5698 7654 32.", required: false)
                        Field(name: "bic", label: "BIC (optional)", value: form["bic"] ?? "", error: errors.message("bic"), required: false)
                    }
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "US bank account")
                        Field(name: "routingNumber", label: "Routing number", value: form["routingNumber"] ?? "", error: errors.message("routingNumber"),
                              hint: "9 digits.", required: false, extra: [("inputmode", "numeric")])
                        Field(name: "accountNumber", label: "Account number", value: form["accountNumber"] ?? "", error: errors.message("accountNumber"),
                              required: false, extra: [("inputmode", "numeric")])
                    }
                    Field(name: "taxID", label: "Tax identifier (optional)", value: form["taxID"] ?? "", error: errors.message("taxID"),
                          hint: "A US SSN or EIN, or your country's tax number: employers who report your pay need it.", required: false)
                    Submit("Save payout details")
                }
            }
        }
    }
}
