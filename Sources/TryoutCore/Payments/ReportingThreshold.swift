import Foundation

/// From what yearly total payments to a person must be reported for tax: a dated table, so a
/// change of the law applies from its date and earlier years keep their own threshold.
public struct ReportingThreshold: Sendable, Equatable {
    /// The first calendar year the threshold applies to.
    public var fromYear: Int
    public var amount: Money
    /// The return the payments go on.
    public var form: String

    public init(fromYear: Int, amount: Money, form: String) {
        self.fromYear = fromYear
        self.amount = amount
        self.form = form
    }
}

public enum ReportingThresholds {
    /// US independent contractors: Form 1099-NEC from USD 600 a year, raised to USD 2,000 for
    /// payments made from 1 January 2026.
    public static let usContractors = [
        ReportingThreshold(fromYear: 2026, amount: Money(amountMinor: 200_000, currency: "USD"), form: "1099-NEC"),
        ReportingThreshold(fromYear: 1900, amount: Money(amountMinor: 60_000, currency: "USD"), form: "1099-NEC"),
    ]

    /// The threshold in force for `year` in `currency`; nil where the table has none.
    public static func threshold(forYear year: Int, currency: String, in table: [ReportingThreshold] = usContractors) -> ReportingThreshold? {
        table.filter { $0.amount.currency == currency && $0.fromYear <= year }.max { $0.fromYear < $1.fromYear }
    }

    /// Whether a year's total crosses its threshold (reaching it counts).
    public static func crosses(_ total: Money, year: Int, in table: [ReportingThreshold] = usContractors) -> ReportingThreshold? {
        guard let threshold = threshold(forYear: year, currency: total.currency, in: table), total.amountMinor >= threshold.amount.amountMinor else { return nil }
        return threshold
    }
}
