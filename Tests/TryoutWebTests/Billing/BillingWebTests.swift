import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Billing pages")
struct BillingWebTests {
    @Test("an owner asks for an invoice, a platform admin records the transfer against its reference, and the balance and statement show it")
    func fundByInvoice() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager], funded: false)
            try await Factory(t).organization("Other Works")
            try await Factory(t).user("staff@tryout.test", admin: true)
            let billing = try await visit(t, as: "owner@acme.test", "/orgs/acme/billing")
            #expect(billing.status == .ok && billing.body.string.contains("No money yet"))
            #expect(try await t.post("/orgs/acme/billing/invoices", ["amount": "500", "currency": "USD", "_idempotency": "k0"], csrf: "").status == .forbidden)
            let keyless = try await t.post("/orgs/acme/billing/invoices", ["amount": "500", "currency": "USD"])
            #expect(keyless.status == .badRequest && keyless.body.string.contains("needs an idempotency key"))
            let refused = try await t.post("/orgs/acme/billing/invoices", ["amount": "-5", "currency": "USD", "_idempotency": "k1"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Enter an amount above zero"))
            // The key of a refused form is free again for the corrected one; a second click repeats the first answer.
            let created = try await t.post("/orgs/acme/billing/invoices", ["amount": "1,250.50", "currency": "USD", "_idempotency": "k1"])
            #expect(created.status == .seeOther)
            let again = try await t.post("/orgs/acme/billing/invoices", ["amount": "1,250.50", "currency": "USD", "_idempotency": "k1"])
            #expect(again.status == .seeOther && again.headers.first(name: .location) == created.headers.first(name: .location))
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            let other = try await t.post("/orgs/acme/billing/invoices", ["amount": "99", "currency": "USD", "_idempotency": "k1"])
            #expect(other.status == .unprocessableEntity && other.body.string.contains("used for a different request"))
            #expect(try await Invoices.of(organizationID: try org.requireID(), on: t.db).count == 1)
            let invoice = try #require(try await Invoices.of(organizationID: try org.requireID(), on: t.db).first)
            let page = try await t.get(created.headers.first(name: .location) ?? "")
            #expect(page.body.string.contains(invoice.reference) && page.body.string.contains("USD 1,250.50") && page.body.string.contains("Awaiting payment"))

            for (email, path) in [("hiring_manager@acme.test", "/orgs/acme/billing"), ("owner@other-works.test", "/orgs/acme/billing"),
                                  ("owner@other-works.test", "/orgs/acme/billing/invoices/\(invoice.id!)"), ("owner@acme.test", "/admin/payments")] {
                #expect(try await visit(t, as: email, path).status == .notFound, "\(email) reached \(path)")
            }

            let desk = try await visit(t, as: "staff@tryout.test", "/admin/payments")
            #expect(desk.body.string.contains(invoice.reference))
            let wrong = try await t.post("/admin/payments/receipts", ["reference": "TRY-0000-0000", "amount": "1250.50", "currency": "USD",
                                                                      "bankReference": "B-1", "_idempotency": "r1"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("No invoice has the reference TRY-0000-0000."))
            for _ in 1...2 {
                #expect(try await t.post("/admin/payments/receipts", ["reference": invoice.reference, "amount": "1250.50", "currency": "USD",
                                                                      "bankReference": "B-1", "_idempotency": "r2"]).status == .seeOther)
            }
            #expect(try await t.post("/admin/payments/credit", ["organizationID": "\(org.id!)", "creditAmount": "300", "creditCurrency": "USD",
                                                                "_idempotency": "c1"]).status == .seeOther)

            let funded = try await visit(t, as: "owner@acme.test", "/orgs/acme/billing")
            #expect(funded.body.string.contains("USD 1,250.50 (credit up to USD 300.00)") && funded.body.string.contains("Paid"))
            let csv = try await t.get("/orgs/acme/billing/statement.csv?month=\(StatementMonth(containing: t.clock.now).text)")
            #expect(csv.headers.contentType?.subType == "csv")
            let rows = CSV.rows(csv.body.string)
            #expect(rows.first?.fields == ["date", "kind", "description", "currency", "balance", "escrow", "payroll", "fees"])
            #expect(rows.dropFirst().map { $0.fields[1] } == ["funding"] && rows.last?.fields[4] == "1250.50")
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }

    @Test("a draft's lint says how much publishing would hold and what the balance lacks")
    func shortfallInLint() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner], funded: false)
            var brief = BriefTemplates.template(id: "data-analysis")!.brief
            brief.pay = Money(amountMinor: 60_000, currency: "USD")
            let project = try await ProjectBriefs.create(organizationID: try org.requireID(), brief: brief, audience: .init(), at: t.clock.now, on: t.db)
            let page = try await visit(t, as: "owner@acme.test", "/projects/\(project.id!)")
            #expect(page.body.string.contains("Publishing holds USD 600.00 in escrow (1 place × the pay); the balance is USD 0.00. Add USD 600.00"))
            let publish = try await t.post("/projects/\(project.id!)/publish")
            #expect(publish.status == .unprocessableEntity || publish.status == .seeOther)
            #expect(try await Projects.find(id: project.id!, on: t.db)?.state == .draft)
        }
    }

    @Test("accepting a deliverable on its page releases its share: the candidate's earnings page and API show it, nobody else's")
    func earnings() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let project = try #require(try await Projects.find(id: engagement.$project.id, on: t.db))
            let pay = Money(amountMinor: engagement.payMinor, currency: engagement.currency)
            try await Escrows.hold(EscrowTerms(pay: pay, feeBasisPoints: 0, places: 1), for: project, by: nil, at: t.clock.now, on: t.db)
            try await startWork(t, engagement)
            let milestones = try await Engagements.milestones(of: id, on: t.db)
            let first = try milestones[0].requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(first)")
            #expect(try await t.upload("/engagements/\(id)/milestones/\(first)/submissions", fields: [("links.0", "https://example.org/w")], files: []).status == .seeOther)
            let version = try #require(try await Submissions.latest(of: first, on: t.db)).requireID()
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(first)")
            #expect(try await t.post("/engagements/\(id)/submissions/\(version)/feedback", decided("accept", "Good.")).status == .seeOther)

            let share = Money(amountMinor: EscrowTerms(pay: pay, feeBasisPoints: 0, places: 1).shares(weights: milestones.map(\.weight))[0].pay,
                              currency: pay.currency)
            let overview = try await visit(t, as: "ada@uni.test", "/engagements/\(id)")
            #expect(overview.body.string.contains(#"<a href="/earnings">Your earnings</a>"#))
            let page = try await t.get("/earnings")
            #expect(page.status == .ok && page.body.string.contains(share.formatted))
            #expect(page.body.string.contains("\(Money(amountMinor: pay.amountMinor - share.amountMinor, currency: pay.currency).formatted) held in escrow"))
            let api = try await t.api(.GET, "/api/v1/me/earnings", token: try await t.token(for: "ada@uni.test"))
            #expect(api.status == .ok && api.body.string.contains(#""amountMinor":\#(share.amountMinor)"#))
            for year in ["twenty", "3000", "1999"] {
                #expect(try await t.api(.GET, "/api/v1/me/earnings?year=\(year)", token: try await t.token(for: "ada@uni.test")).status == .unprocessableEntity)
            }
            let csv = CSV.rows(try await t.get("/earnings/statement.csv").body.string)
            #expect(csv.count == 2 && csv.last?.fields[3] == share.plainAmount)
            let other = try await visit(t, as: "hiring_manager@acme.test", "/earnings")
            #expect(other.body.string.contains("Nothing waiting for payout") && !other.body.string.contains(share.formatted))
        }
    }
}
