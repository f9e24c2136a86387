/// One finding of the publish lint, tied to the field of the brief it is about: the same shape
/// as a form's field error, so the web layer shows both alike.
public typealias LintFinding = FieldError

/// Compliance as code: what a brief must satisfy before it is published, and what only
/// deserves a second look.
public struct LintReport: Equatable, Sendable {
    /// Any error blocks publishing.
    public var errors: [LintFinding] = []
    /// Warnings are shown but do not block.
    public var warnings: [LintFinding] = []

    public var canPublish: Bool { errors.isEmpty }
}

public enum ComplianceLint {
    public static let hoursRange = 5...40
    public static let weeksRange = 1...8
    /// Two pages of prose at about 500 words a page.
    public static let longBriefWords = 1000

    /// Minimum pay per estimated hour, in minor units, where the organization has set none.
    public static let defaultHourlyFloor: [String: Int64] = [
        "USD": 15_00, "EUR": 14_00, "GBP": 12_00, "CAD": 17_00, "AUD": 24_00, "NZD": 23_00, "CHF": 24_00,
    ]
    /// Below this per estimated hour the lint warns that the offer may not attract people.
    public static let fairHourlyPay: [String: Int64] = [
        "USD": 20_00, "EUR": 19_00, "GBP": 16_00, "CAD": 23_00, "AUD": 30_00, "NZD": 29_00, "CHF": 32_00,
    ]

    /// Judges `brief`; `hourlyFloor` is the organization's own floor per hour, if it set one.
    public static func check(_ brief: Brief, hourlyFloor: Money? = nil) -> LintReport {
        var report = LintReport()
        func error(_ field: String, _ message: String) { report.errors.append(LintFinding(field, message)) }
        func warn(_ field: String, _ message: String) { report.warnings.append(LintFinding(field, message)) }

        if brief.title.trimmingCharacters(in: .whitespaces).isEmpty { error("title", "Give the project a title.") }
        if brief.summary.trimmingCharacters(in: .whitespaces).isEmpty { error("summary", "Write a one-line summary.") }
        if brief.deliverables.isEmpty { error("deliverables", "Add at least one deliverable.") }

        if brief.rubric.isEmpty {
            error("rubric", "Add a rubric: the criteria the work will be judged on.")
        } else {
            let total = brief.rubric.reduce(0) { $0 + $1.weight }
            if total != 100 { error("rubric", "Rubric weights add up to \(total); they must add up to 100.") }
            for criterion in brief.rubric where criterion.levels.count != RubricCriterion.levelCount
                || criterion.levels.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                error("rubric", "Describe all four levels of \"\(criterion.title)\".")
            }
        }
        if !hoursRange.contains(brief.estimatedHours) {
            error("estimatedHours", "Estimated hours must be between \(hoursRange.lowerBound) and \(hoursRange.upperBound).")
        }
        if !weeksRange.contains(brief.durationWeeks) {
            error("durationWeeks", "Duration must be between \(weeksRange.lowerBound) and \(weeksRange.upperBound) weeks.")
        }
        // The agreement promises the work ends after the duration; nothing may fall due later.
        let lastDay = brief.durationWeeks * 7
        for deliverable in brief.deliverables where deliverable.dueOffsetDays > lastDay {
            error("deliverables", "“\(deliverable.title)” is due on day \(deliverable.dueOffsetDays), after the project ends on day \(lastDay) (\(brief.durationWeeks) weeks); move it earlier or make the project longer.")
        }

        checkPay(brief, hourlyFloor: hourlyFloor, error: error, warn: warn)
        checkAgreements(brief, error: error)

        let words = brief.body.split(whereSeparator: { $0.isWhitespace }).count
        if words > longBriefWords {
            warn("body", "The brief runs to about \(words) words, more than two pages; a shorter brief gets more applicants.")
        }
        return report
    }

    /// Judged whatever else is wrong with the brief: hours out of range still leave a rate to check.
    private static func checkPay(_ brief: Brief, hourlyFloor: Money?, error: (String, String) -> Void, warn: (String, String) -> Void) {
        let classification = brief.classification
        if classification == nil {
            error("classification", "Choose how the person is engaged: contractor, intern or employee.")
        }
        if brief.pay.amountMinor <= 0 {
            switch classification {
            case .intern?:
                guard let test = brief.internTest else {
                    error("internTest", "An unpaid internship needs the seven-factor primary-beneficiary test answered.")
                    return
                }
                for problem in test.problems { error("internTest", problem) }
            default:
                error("pay", "Micro-internships are paid: set the pay.")
            }
            return
        }
        guard let hourly = brief.pay.perHour(brief.estimatedHours) else { return }
        // The organization's floor can only raise the platform's one (see `OrganizationSettings`).
        let own = hourlyFloor.flatMap { $0.currency == brief.pay.currency ? $0.amountMinor : nil }
        let floor = [own, defaultHourlyFloor[brief.pay.currency]].compactMap { $0 }.max()
        if let floor, hourly.amountMinor < floor {
            error("pay", "Pay works out at \(hourly.formatted) an hour, below the floor of \(Money(amountMinor: floor, currency: brief.pay.currency).formatted).")
        } else if let fair = fairHourlyPay[brief.pay.currency], hourly.amountMinor < fair {
            warn("pay", "Pay works out at \(hourly.formatted) an hour; offers below \(Money(amountMinor: fair, currency: brief.pay.currency).formatted) attract fewer candidates.")
        }
    }

    /// The agreement each classification needs, plus the IP assignment every project needs
    /// so that the employer may use what it paid for.
    public static func requiredAgreements(for classification: WorkerClassification) -> Set<AgreementKind> {
        switch classification {
        case .contractor: [.contractorAgreement, .ipAssignment]
        case .intern: [.internshipAgreement, .ipAssignment]
        case .employee: [.ipAssignment]
        }
    }

    private static func checkAgreements(_ brief: Brief, error: (String, String) -> Void) {
        guard let classification = brief.classification else { return }
        let missing = requiredAgreements(for: classification).subtracting(brief.agreements)
        for kind in AgreementKind.allCases where missing.contains(kind) {
            error("agreements", "Attach the \(kind.label.lowercased()): \(classification.label.lowercased())s sign it before work starts.")
        }
    }
}

import Foundation
