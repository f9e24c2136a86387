import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The payroll export per pay period and the contractors' 1099-NEC figures.
@Suite("Employer reports")
struct EmployerReportsTests {
    private func references(_ engagement: EngagementRecord) -> LedgerReferences {
        LedgerReferences(organizationID: engagement.$organization.id, projectID: engagement.$project.id, engagementID: engagement.id)
    }

    @Test("a month's payroll releases export as CSV and, once the month is over, are marked paid once: the money goes back to the balance")
    func payroll() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let orgID = engagement.$organization.id
            try await Factory(t).release(40_000, to: .payroll(of: orgID, "USD"), references: references(engagement))
            let owner = try await t.context(as: "owner@acme.test")
            let month = StatementMonth(containing: t.clock.now)
            let before = try await Ledger.balance(.balance(of: orgID, "USD"), on: t.db)

            let period = try await EmployerReportsService.payroll(slug: "acme", month: month.text, owner)
            #expect(period.totals == [Money(amountMinor: 40_000, currency: "USD")] && !period.isOver && period.releases.first?.employee == "Ada Okafor")
            let rows = CSV.rows(period.csv)
            #expect(rows.count == 2 && rows[1].fields[2] == "ada@uni.test" && rows[1].fields[5] == "400.00")
            await #expect(throws: ActionError.self) { _ = try await EmployerReportsService.markPayrollPaid(slug: "acme", month: month.text, owner) }
            await #expect(throws: ActionError.notFound) {
                _ = try await EmployerReportsService.payroll(slug: "acme", month: nil, try await t.context(as: "hiring_manager@acme.test"))
            }

            t.clock.advance(by: 40 * 86_400)
            let later = try await t.context(as: "owner@acme.test")
            let paid = try await EmployerReportsService.markPayrollPaid(slug: "acme", month: month.text, later)
            #expect(paid.paidCurrencies == ["USD"])
            #expect(try await Ledger.balance(.payroll(of: orgID, "USD"), on: t.db) == 0)
            #expect(try await Ledger.balance(.balance(of: orgID, "USD"), on: t.db) == before + 40_000)
            await #expect(throws: ActionError.conflict("Nothing in \(month.label)'s payroll is left to mark paid.")) {
                _ = try await EmployerReportsService.markPayrollPaid(slug: "acme", month: month.text, later)
            }
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }

    @Test("the 1099-NEC figures list each contractor's dollars for the organization's work, their tax identifier and whether they are reportable")
    func form1099() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let org = try #require(try await OrganizationRecord.find(engagement.$organization.id, on: t.db))
            let grace = try await Factory(t).engagement(in: org, candidate: "grace@uni.test", candidateName: "Grace Hopper")
            try await Factory(t).release(250_000, to: .payable(of: engagement.$candidate.id, "USD"), references: references(engagement))
            try await Factory(t).release(10_000, to: .payable(of: grace.$candidate.id, "USD"), references: references(grace))
            try await PayoutDetailsService.save(PayoutDetailsInput(holder: "Ada N. Okafor", method: "us", routingNumber: "011000015",
                                                                   accountNumber: "12345678", taxID: "123-45-6789"),
                                                try await t.context(as: "ada@uni.test"))
            let owner = try await t.context(as: "owner@acme.test")
            let year = StatementMonth(containing: t.clock.now).year
            let form = try await EmployerReportsService.form1099NEC(slug: "acme", year: year, owner)
            let rows = CSV.rows(form.csv).map(\.fields)
            #expect(rows.count == 3)
            #expect(rows[1] == [String(year), "Ada N. Okafor", "ada@uni.test", "123456789", "2500.00", "yes"])
            #expect(rows[2] == [String(year), "Grace Hopper", "grace@uni.test", "", "100.00", "no"])
            #expect(try await AuditLog.recent(limit: 3, on: t.db).contains { $0.action == .taxFormExported })
            #expect(CSV.rows(try await EmployerReportsService.form1099NEC(slug: "acme", year: year - 1, owner).csv).count == 1)
            await #expect(throws: ValidationFailure.self) { _ = try await EmployerReportsService.form1099NEC(slug: "acme", year: year + 1, owner) }
            try await Factory(t).organization("Other Works")
            await #expect(throws: ActionError.notFound) {
                _ = try await EmployerReportsService.form1099NEC(slug: "acme", year: year, try await t.context(as: "owner@other-works.test"))
            }
        }
    }
}
