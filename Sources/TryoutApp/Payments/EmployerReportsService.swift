import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A month of an employer's payroll: its employees' pay that Tryout released to the employer's
/// payroll account, for the employer to pay through its own payroll.
public struct PayrollPeriod: Sendable {
    public var organization: OrganizationRecord
    public var month: StatementMonth
    public var releases: [PayrollRelease]
    public var totals: [Money]
    /// Whether the month is over, so its releases are final and it can be marked paid.
    public var isOver: Bool
    /// The currencies already marked paid through payroll for the month.
    public var paidCurrencies: Set<String>

    /// One line per release, amounts with the currency's decimals.
    public var csv: String {
        CSV.document(header: ["date", "employee", "email", "for", "currency", "amount"], rows: releases.map {
            [DateText.iso($0.created_at), $0.employee, $0.email, $0.memo, $0.currency, Money(amountMinor: $0.amount_minor, currency: $0.currency).plainSigned]
        })
    }
}

/// The reports an employer's people outside Tryout need: the payroll export per pay period (a
/// calendar month) and the contractors' 1099-NEC figures per year for its filer. Owners and
/// admins only.
public enum EmployerReportsService {
    public static func payroll(slug: String?, month rawMonth: String?, _ ctx: ActionContext) async throws -> PayrollPeriod {
        let org = try await OrganizationsService.organization(slug: slug, for: Action.manageBilling, ctx)
        let orgID = try org.requireID()
        let month = StatementMonth(rawMonth) ?? StatementMonth(containing: ctx.now).previous
        let releases = try await PayrollAndTax.payrollReleases(of: orgID, from: month.start, to: month.end, on: ctx.db)
        let totals = Dictionary(grouping: releases, by: \.currency)
            .map { Money(amountMinor: $0.value.reduce(0) { $0 + $1.amount_minor }, currency: $0.key) }.sorted { $0.currency < $1.currency }
        var paid: Set<String> = []
        for total in totals where try await Ledger.entryID(uniqueKey: payrollKey(orgID, month, total.currency), on: ctx.db) != nil {
            paid.insert(total.currency)
        }
        return PayrollPeriod(organization: org, month: month, releases: releases, totals: totals, isOver: month.end <= ctx.now, paidCurrencies: paid)
    }

    /// The employer paid the month's releases through its own payroll: the money Tryout held for
    /// them goes back to its balance, once per month and currency.
    public static func markPayrollPaid(slug: String?, month rawMonth: String?, _ ctx: ActionContext) async throws -> PayrollPeriod {
        guard let month = StatementMonth(rawMonth) else { throw ValidationFailure([FieldError("month", "Give the month as YYYY-MM, like 2026-11.")]) }
        let period = try await payroll(slug: slug, month: month.text, ctx)
        guard period.isOver else {
            throw ActionError.conflict("\(month.label) is not over yet: mark its payroll paid once its releases are final.")
        }
        let toMark = period.totals.filter { !period.paidCurrencies.contains($0.currency) && $0.amountMinor > 0 }
        guard !toMark.isEmpty else { throw ActionError.conflict("Nothing in \(month.label)'s payroll is left to mark paid.") }
        let orgID = try period.organization.requireID()
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { tx in
            for total in toMark {
                try await Ledger.post(.transfer(.payrollExported, total.amountMinor, from: .payroll(of: orgID, total.currency),
                                                to: .balance(of: orgID, total.currency), memo: "Paid through payroll, \(month.label)",
                                                uniqueKey: payrollKey(orgID, month, total.currency), references: .init(organizationID: orgID)),
                                      by: actor.id, at: tx.now, on: tx.db)
            }
            try await tx.audit(.payrollPaid, by: actor, organizationID: orgID,
                               detail: "\(month.label): " + toMark.map(\.formatted).joined(separator: ", "))
        }
        return try await payroll(slug: slug, month: month.text, ctx)
    }

    private static func payrollKey(_ organizationID: UUID, _ month: StatementMonth, _ currency: String) -> String {
        "payroll:\(organizationID):\(month.text):\(currency)"
    }

    /// The year's Form 1099-NEC figures: each contractor paid in US dollars, their total (box 1,
    /// nonemployee compensation), whether it reaches the year's threshold, and their tax
    /// identifier from their payout details. The file holds identifiers in the clear, so each
    /// download is in the audit log.
    public static func form1099NEC(slug: String?, year rawYear: Int?, _ ctx: ActionContext) async throws -> (year: Int, csv: String) {
        let org = try await OrganizationsService.organization(slug: slug, for: Action.manageBilling, ctx)
        let currentYear = StatementMonth(containing: ctx.now).year
        guard let year = rawYear ?? Optional(currentYear - 1), (2000...currentYear).contains(year) else {
            throw ValidationFailure([FieldError("year", "Give a year from 2000 to \(currentYear).")])
        }
        let totals = try await PayrollAndTax.contractorTotals(of: try org.requireID(), currency: "USD", from: StatementMonth("\(year)-01")!.start,
                                                              to: StatementMonth("\(year)-12")!.end, on: ctx.db)
        let details = try await Payouts.details(of: totals.map(\.candidate_id), on: ctx.db)
        let rows = totals.map { total -> [String] in
            let opened = details[total.candidate_id].flatMap {
                try? ctx.payments.cipher.open(PayoutDetails.self, from: $0.sealed, context: PayoutDetailsService.sealingContext(total.candidate_id))
            }
            let money = Money(amountMinor: total.amount_minor, currency: "USD")
            return [String(year), opened?.holder ?? total.name, total.email, opened?.taxID ?? "", money.plainSigned,
                    ReportingThresholds.crosses(money, year: year) == nil ? "no" : "yes"]
        }
        let actor = try await ctx.actingUser()
        try await ctx.audit(.taxFormExported, by: actor, organizationID: org.id, detail: "Form 1099-NEC figures for \(year)")
        return (year, CSV.document(header: ["tax_year", "recipient_name", "recipient_email", "recipient_tin", "box1_nonemployee_compensation", "reportable"],
                                   rows: rows))
    }
}
