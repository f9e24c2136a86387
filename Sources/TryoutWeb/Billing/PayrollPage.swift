import Foundation
import Plot
import TryoutApp
import TryoutCore

/// `/orgs/SLUG/billing/payroll?month=`: a pay period's releases of employees' pay, to export for
/// the employer's payroll and mark paid once the month is over.
struct PayrollPage: Component {
    var period: PayrollPeriod
    var csrf: String

    var body: Component {
        let slug = period.organization.slug
        let month = period.month
        return ComponentGroup {
            Tag.text("h1", "Payroll, \(month.label)")
            Tag("p", [:]) {
                Tag.link("Back to billing", to: SiteURL.billing(.billing(.value(slug))).path)
                Text(" · ")
                Tag.link("Previous month", to: SiteURL.billing(.payroll(.value(slug), month: month.previous.text)).path)
                Text(" · ")
                Tag.link("Next month", to: SiteURL.billing(.payroll(.value(slug), month: month.next.text)).path)
            }
            Tag("section", ["class": "panel", "aria-labelledby": "payroll-title"]) {
                Tag.text("h2", "Released to employees", ["id": "payroll-title"])
                Tag.text("p", "Employees' pay is not paid out by Tryout: it is released here as their work is accepted, for your payroll to pay.",
                         ["class": "meta"])
                if period.releases.isEmpty {
                    Tag.text("p", "Nothing was released for employees in \(month.label).")
                } else {
                    Tag.text("p", "Total: " + period.totals.map(\.formatted).joined(separator: ", "))
                    Tag("p", [:]) { Tag.link("Download \(month.label) as CSV", to: SiteURL.billing(.payrollCSV(.value(slug), month: month.text)).path) }
                    ScrollRegion(label: "Payroll releases of \(month.label)") {
                        Tag("table", [:]) {
                            Tag("thead", [:]) {
                                Tag("tr", [:]) { for heading in ["Date", "Employee", "For", "Amount"] { Tag.text("th", heading, ["scope": "col"]) } }
                            }
                            Tag("tbody", [:]) {
                                for release in period.releases {
                                    Tag("tr", [:]) {
                                        Tag.text("td", DateText.day(release.created_at))
                                        Tag("td", ["data-label": "Employee"]) { Text(release.employee); Tag.text("span", " " + release.email, ["class": "meta"]) }
                                        Tag.text("td", release.memo, ["data-label": "For"])
                                        Tag.text("td", Money(amountMinor: release.amount_minor, currency: release.currency).formatted, ["data-label": "Amount"])
                                    }
                                }
                            }
                        }
                    }
                    paidState
                }
            }
        }
    }

    private var paidState: Component {
        let unpaid = period.totals.filter { !period.paidCurrencies.contains($0.currency) }
        return ComponentGroup {
            if unpaid.isEmpty {
                Tag.text("p", "Marked paid through payroll: the money Tryout held for it went back to your balance.", ["class": "notice"])
            } else if !period.isOver {
                Tag.text("p", "Once \(period.month.label) is over, mark it paid through your payroll: the money Tryout holds for it goes back to your balance.",
                         ["class": "meta"])
            } else {
                PostForm(action: SiteURL.billing(.payrollPaid(.value(period.organization.slug))).path, csrf: csrf) {
                    IdempotencyField()
                    Tag(void: "input", [("type", "hidden"), ("name", "month"), ("value", period.month.text)])
                    Submit("Mark \(unpaid.map(\.formatted).joined(separator: ", ")) paid through payroll")
                }
            }
        }
    }
}
