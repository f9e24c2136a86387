import Foundation
import Plot
import TryoutApp
import TryoutCore

/// `/earnings`: a candidate's pay: released and waiting for payout, where payouts go, payouts so
/// far, still to earn in running engagements, and the year's releases.
struct EarningsPage: Component {
    var view: EarningsView

    /// A payout as its candidate sees it: on its way until the bank confirms it.
    static func label(_ state: String) -> String {
        switch PayoutBatchState(rawValue: state) {
        case .paid: "Paid"
        case .cancelled: "Cancelled: back in your balance"
        default: "On its way"
        }
    }

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Earnings")
            Tag("section", ["class": "panel", "aria-labelledby": "payable-title"]) {
                Tag.text("h2", "Released to you", ["id": "payable-title"])
                if view.payable.allSatisfy({ $0.amountMinor == 0 }) {
                    Tag.text("p", "Nothing waiting for payout. Pay is released to you as each deliverable is accepted.")
                } else {
                    Tag("ul", [:]) { for money in view.payable where money.amountMinor != 0 { Tag.text("li", money.formatted) } }
                    Tag.text("p", view.payoutAccount == nil ? "Add payout details so the next payout can reach you." : "Waiting for the next payout.",
                             ["class": view.payoutAccount == nil ? "notice" : "meta"])
                }
                Tag("p", [:]) {
                    Text(view.payoutAccount.map { "Payouts go to \($0). " } ?? "")
                    Tag.link(view.payoutAccount == nil ? "Add payout details" : "Change payout details", to: SiteURL.payouts(.details).path)
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "payouts-title"]) {
                Tag.text("h2", "Payouts", ["id": "payouts-title"])
                if view.payouts.isEmpty {
                    Tag.text("p", "No payout yet.")
                } else {
                    ScrollRegion(label: "Payouts") {
                        Tag("table", [:]) {
                            Tag("thead", [:]) { Tag("tr", [:]) { for heading in ["Payout", "Amount", "State", "Date"] { Tag.text("th", heading, ["scope": "col"]) } } }
                            Tag("tbody", [:]) {
                                for payout in view.payouts {
                                    Tag("tr", [:]) {
                                        Tag.text("td", payout.reference)
                                        Tag.text("td", Money(amountMinor: payout.amount_minor, currency: payout.currency).formatted, ["data-label": "Amount"])
                                        Tag.text("td", Self.label(payout.state), ["data-label": "State"])
                                        Tag.text("td", DateText.day(payout.closed_at ?? payout.created_at), ["data-label": "Date"])
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "pending-title"]) {
                Tag.text("h2", "Still to earn", ["id": "pending-title"])
                if view.pending.isEmpty {
                    Tag.text("p", "No running engagement has pay waiting.")
                } else {
                    Tag("ul", [:]) {
                        for pending in view.pending {
                            Tag("li", [:]) {
                                Tag.link(pending.title, to: SiteURL.engagements(.engagement(.value(EngagementID(pending.engagementID)))).path)
                                Text(" (\(pending.organization)): \(pending.stillToEarn.formatted) held in escrow"
                                     + (pending.viaPayroll ? ", paid through the employer's payroll" : ""))
                            }
                        }
                    }
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "year-title"]) {
                Tag.text("h2", "Released in \(String(view.year))", ["id": "year-title"])
                Tag("p", [:]) {
                    Tag.link("Previous year", to: SiteURL.billing(.earnings(year: view.year - 1)).path)
                }
                if view.releases.isEmpty {
                    Tag.text("p", "Nothing released in \(String(view.year)).")
                } else {
                    Tag.text("p", "Total: " + view.yearTotals.map(\.formatted).joined(separator: ", "))
                    for (total, threshold) in view.reportable {
                        Tag.text("p", "Your \(String(view.year)) payments of \(total.formatted) reached the \(threshold.amount.formatted) threshold "
                                 + "for reporting on Form \(threshold.form): they are reported for tax.", ["class": "notice"])
                    }
                    Tag("p", [:]) { Tag.link("Download \(String(view.year)) as CSV", to: SiteURL.billing(.earningsCSV(year: view.year)).path) }
                    ScrollRegion(label: "Releases of \(String(view.year))") {
                        Tag("table", [:]) {
                            Tag("thead", [:]) { Tag("tr", [:]) { for heading in ["Date", "For", "Amount"] { Tag.text("th", heading, ["scope": "col"]) } } }
                            Tag("tbody", [:]) {
                                for release in view.releases {
                                    Tag("tr", [:]) {
                                        Tag.text("td", DateText.day(release.date))
                                        Tag.text("td", release.memo, ["data-label": "For"])
                                        Tag.text("td", release.amount.formatted, ["data-label": "Amount"])
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
