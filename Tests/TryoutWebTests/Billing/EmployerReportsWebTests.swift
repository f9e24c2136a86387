import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Payroll and tax reports")
struct EmployerReportsWebTests {
    /// An employee's deliverable released to Acme's payroll, and a contractor's to their payable.
    private func releases(_ t: TestApp) async throws -> EngagementRecord {
        let engagement = try await Factory(t).engagement()
        let refs = LedgerReferences(organizationID: engagement.$organization.id, projectID: engagement.$project.id, engagementID: engagement.id)
        try await Factory(t).release(30_000, to: .payroll(of: engagement.$organization.id, "USD"), references: refs, memo: "“Memo”, Churn")
        try await Factory(t).release(60_000, to: .payable(of: engagement.$candidate.id, "USD"), references: refs, memo: "“Deck”, Churn")
        return engagement
    }

    @Test("the owner reads the month's payroll, downloads it, marks it paid once the month is over, and downloads the 1099-NEC figures")
    func pages() async throws {
        try await withTestApp { t in
            _ = try await releases(t)
            let month = StatementMonth(containing: t.clock.now)
            let billing = try await visit(t, as: "owner@acme.test", "/orgs/acme/billing")
            #expect(billing.body.string.contains("/orgs/acme/billing/payroll") && billing.body.string.contains("form-1099-nec.csv"))
            let page = try await t.get("/orgs/acme/billing/payroll?month=\(month.text)")
            #expect(page.status == .ok && page.body.string.contains("Ada Okafor") && page.body.string.contains("USD 300.00"))
            #expect(page.body.string.contains("Once \(month.label) is over"))
            let csv = try await t.get("/orgs/acme/billing/payroll.csv?month=\(month.text)")
            #expect(CSV.rows(csv.body.string).count == 2)
            let early = try await t.post("/orgs/acme/billing/payroll/paid", ["month": month.text, "_idempotency": "m1"])
            #expect(early.status == .seeOther)
            #expect(try await t.get("/orgs/acme/billing/payroll?month=\(month.text)").body.string.contains("is not over yet"))

            // A session lasts two weeks without use: sign in again after the month.
            t.clock.advance(by: 40 * 86_400)
            let ready = try await visit(t, as: "owner@acme.test", "/orgs/acme/billing/payroll?month=\(month.text)")
            #expect(ready.body.string.contains("Mark USD 300.00 paid through payroll"))
            #expect(try await t.post("/orgs/acme/billing/payroll/paid", ["month": month.text, "_idempotency": "m2"]).status == .seeOther)
            #expect(try await t.get("/orgs/acme/billing/payroll?month=\(month.text)").body.string.contains("Marked paid through payroll"))

            let form = try await t.get("/orgs/acme/billing/form-1099-nec.csv?year=\(month.year)")
            #expect(form.headers.contentType?.subType == "csv" && CSV.rows(form.body.string).last?.fields[4] == "600.00")
            #expect(form.headers.first(name: .cacheControl) == "no-store")
            #expect(try await visit(t, as: "hiring_manager@acme.test", "/orgs/acme/billing/form-1099-nec.csv?year=\(month.year)").status == .notFound)
            #expect(try await t.get("/orgs/acme/billing/payroll").status == .notFound)
        }
    }

    @Test("the API reads the payroll, refuses a malformed month, marks a month paid with an idempotency key, and serves the 1099-NEC CSV")
    func api() async throws {
        try await withTestApp { t in
            let engagement = try await releases(t)
            let owner = try await t.token(for: "owner@acme.test")
            let month = StatementMonth(containing: t.clock.now)
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/billing/payroll?month=2026-13", token: owner).status == .unprocessableEntity)
            let payroll = try await t.api(.GET, "/api/v1/organizations/acme/billing/payroll?month=\(month.text)", token: owner)
            #expect(payroll.body.string.contains(#""amountMinor":30000"#) && payroll.body.string.contains(#""isOver":false"#))
            let body = #"{"month":"\#(month.text)"}"#
            #expect(try await t.api(.POST, "/api/v1/organizations/acme/billing/payroll/paid", token: owner, json: body, idempotencyKey: "p1").status == .conflict)
            t.clock.advance(by: 40 * 86_400)
            let paid = try await t.api(.POST, "/api/v1/organizations/acme/billing/payroll/paid", token: owner, json: body, idempotencyKey: "p2")
            #expect(paid.status == .ok && paid.body.string.contains(#""paidCurrencies":["USD"]"#))
            #expect(try await Ledger.balance(.payroll(of: engagement.$organization.id, "USD"), on: t.db) == 0)
            let form = try await t.api(.GET, "/api/v1/organizations/acme/billing/form-1099-nec?year=\(month.year)", token: owner)
            #expect(form.status == .ok && form.body.string.contains("ada@uni.test"))
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/billing/form-1099-nec?year=1999", token: owner).status == .unprocessableEntity)
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/billing/payroll", token: try await t.token(for: "ada@uni.test")).status == .notFound)
        }
    }
}
