import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Billing API")
struct BillingAPITests {
    @Test("funding through the API: an invoice per idempotency key, repeats replayed, the receipt and credit by a platform admin, the statement")
    func funding() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager], funded: false)
            try await Factory(t).organization("Other Works")
            try await Factory(t).user("staff@tryout.test", admin: true)
            let owner = try await t.token(for: "owner@acme.test")
            let admin = try await t.token(for: "staff@tryout.test")
            let body = #"{"amount":{"amountMinor":150000,"currency":"usd"}}"#

            let keyless = try await t.api(.POST, "/api/v1/organizations/acme/billing/invoices", token: owner, json: body)
            #expect(keyless.status == .badRequest && keyless.body.string.contains("Idempotency-Key"))
            #expect(try await t.api(.POST, "/api/v1/organizations/acme/billing/invoices", token: owner, json: body, idempotencyKey: "bad key!").status == .badRequest)
            let bad = try await t.api(.POST, "/api/v1/organizations/acme/billing/invoices", token: owner,
                                      json: #"{"amount":{"amountMinor":0,"currency":"USD"}}"#, idempotencyKey: "inv-1")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains(#""field":"amount.amountMinor""#))
            let created = try await t.api(.POST, "/api/v1/organizations/acme/billing/invoices", token: owner, json: body, idempotencyKey: "inv-1")
            #expect(created.status == .created)
            let replay = try await t.api(.POST, "/api/v1/organizations/acme/billing/invoices", token: owner, json: body, idempotencyKey: "inv-1")
            #expect(replay.status == .created && replay.body.string == created.body.string && replay.headers.first(name: "Idempotent-Replayed") == "true")
            let mismatch = try await t.api(.POST, "/api/v1/organizations/acme/billing/invoices", token: owner,
                                           json: #"{"amount":{"amountMinor":100,"currency":"USD"}}"#, idempotencyKey: "inv-1")
            #expect(mismatch.status == .unprocessableEntity)
            let invoice = try #require(try await Invoices.of(organizationID: try org.requireID(), on: t.db).first)
            #expect(try await Invoices.of(organizationID: try org.requireID(), on: t.db).count == 1)
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/billing/invoices/\(invoice.id!)", token: owner).body.string.contains(invoice.reference))

            for (token, path) in [(try await t.token(for: "owner@other-works.test"), "/api/v1/organizations/acme/billing"),
                                  (try await t.token(for: "hiring_manager@acme.test"), "/api/v1/organizations/acme/billing"),
                                  (try await t.token(for: "owner@other-works.test"), "/api/v1/organizations/acme/billing/invoices/\(invoice.id!)")] {
                #expect(try await t.api(.GET, path, token: token).status == .notFound)
            }
            let receipt = #"{"reference":"\#(invoice.reference)","amount":{"amountMinor":150000,"currency":"USD"},"bankReference":"B-9"}"#
            #expect(try await t.api(.POST, "/api/v1/admin/payments/receipts", token: owner, json: receipt, idempotencyKey: "r-1").status == .notFound)
            #expect(try await t.api(.POST, "/api/v1/admin/payments/receipts", token: admin, json: receipt, idempotencyKey: "r-1").status == .ok)
            let second = try await t.api(.POST, "/api/v1/admin/payments/receipts", token: admin, json: receipt, idempotencyKey: "r-2")
            #expect(second.status == .conflict)
            let credit = #"{"organizationID":"\#(org.id!)","limit":{"amountMinor":20000,"currency":"USD"}}"#
            #expect(try await t.api(.POST, "/api/v1/admin/payments/credit", token: admin, json: credit, idempotencyKey: "c-1").status == .ok)

            let billing = try await t.api(.GET, "/api/v1/organizations/acme/billing", token: owner)
            let balances = try #require(try JSONSerialization.jsonObject(with: Data(billing.body.string.utf8)) as? [String: Any])["balances"] as? [[String: [String: Any]]]
            #expect(balances?.first?["balance"]?["amountMinor"] as? Int == 150_000 && balances?.first?["creditLimit"]?["amountMinor"] as? Int == 20_000)
            let month = StatementMonth(containing: t.clock.now).text
            let statement = try await t.api(.GET, "/api/v1/organizations/acme/billing/statement?month=\(month)", token: owner)
            #expect(statement.body.string.contains(#""kind":"funding""#) && statement.body.string.contains(#""balanceMinor":150000"#))
            #expect(try await t.api(.GET, "/api/v1/organizations/acme/billing/statement?month=13-2026", token: owner).status == .unprocessableEntity)
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }
}
