import Fluent
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Payouts pages")
struct PayoutsWebTests {
    private let payoutAccount: (inout TryoutConfig) -> Void = {
        $0.payments = .success(PaymentSettings(approval: PayoutApprovalPolicy(thresholdMajor: 100),
                                               payoutAccount: PayoutDebtor.parse("Tryout Payments|GB82WEST12345698765432|NWBKGB2L")))
    }

    @Test("a candidate adds payout details (refused field by field, never echoed back), sees them masked, and follows the payout on the earnings page")
    func candidate() async throws {
        try await withTestApp(configure: payoutAccount) { t in
            let acme = try await Factory(t).organization("Acme")
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            try await Factory(t).user("staff@tryout.test", admin: true)
            try await Factory(t).user("finance@tryout.test", admin: true)
            try await Factory(t).release(30_000, "EUR", to: .payable(of: try ada.requireID(), "EUR"), references: .init(organizationID: try acme.requireID()))

            let earnings = try await visit(t, as: "ada@uni.test", "/earnings")
            #expect(earnings.body.string.contains("Add payout details so the next payout can reach you."))
            #expect(try await t.post("/earnings/payout-details", ["holder": "Ada", "method": "iban", "iban": "DE89370400440532013000"], csrf: "").status == .forbidden)
            let refused = try await t.post("/earnings/payout-details", ["holder": "Ada Okafor", "method": "us", "routingNumber": "011000016",
                                                                        "accountNumber": "98765432"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("this one does not add up"))
            #expect(!refused.body.string.contains("98765432") && !refused.body.string.contains("011000016"))
            let saved = try await t.post("/earnings/payout-details", ["holder": "Ada Okafor", "method": "iban", "iban": "DE89 3704 0044 0532 0130 00",
                                                                      "taxID": "123-45-6789"])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/earnings")
            let page = try await t.get("/earnings/payout-details")
            #expect(page.body.string.contains("DE89 •••• 3000") && page.body.string.contains("•••• 6789") && !page.body.string.contains("0532"))
            #expect(try await t.get("/admin/payouts").status == .notFound)

            // The first admin batches, the second approves (the batch is above EUR 100), the first marks it paid.
            _ = try await visit(t, as: "staff@tryout.test", "/admin/payouts")
            let created = try await t.post("/admin/payouts", ["currency": "EUR", "_idempotency": "b1"])
            #expect(created.status == .seeOther)
            let batchPath = try #require(created.headers.first(name: .location))
            let waiting = try await t.get(batchPath)
            #expect(waiting.body.string.contains("Another platform admin approves this batch") && waiting.body.string.contains("EUR 300.00"))
            #expect(try await t.get(batchPath + "/transfers.csv").status == .conflict)
            #expect(try await visit(t, as: "ada@uni.test", "/earnings").body.string.contains("On its way"))
            _ = try await visit(t, as: "finance@tryout.test", batchPath)
            #expect(try await t.post(batchPath + "/approve", ["_idempotency": "a1"]).status == .seeOther)
            let approved = try await t.get(batchPath)
            #expect(approved.body.string.contains("Download the bank file (ISO 20022 pain.001)"))
            let xml = try await t.get(batchPath + "/pain001.xml")
            #expect(xml.status == .ok && xml.headers.first(name: .contentDisposition)?.contains("attachment") == true
                    && xml.headers.first(name: .cacheControl) == "no-store" && xml.body.string.contains("<IBAN>DE89370400440532013000</IBAN>"))
            let blank = try await t.post(batchPath + "/paid", ["bankReference": "", "_idempotency": "p0"])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains("The bank's reference is required."))
            #expect(try await t.post(batchPath + "/paid", ["bankReference": "BANK-1", "_idempotency": "p1"]).status == .seeOther)
            #expect(try await t.get(batchPath).body.string.contains("bank reference BANK-1"))
            let after = try await visit(t, as: "ada@uni.test", "/earnings")
            #expect(after.body.string.contains("Paid") && after.body.string.contains("Payouts go to DE89 •••• 3000"))
        }
    }

    @Test("the payouts API: details by PUT, batches with an idempotency key, the second approver, the bank file, paid; candidates and other admins' rules hold")
    func api() async throws {
        try await withTestApp(configure: payoutAccount) { t in
            let acme = try await Factory(t).organization("Acme")
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            try await Factory(t).user("staff@tryout.test", admin: true)
            try await Factory(t).user("finance@tryout.test", admin: true)
            try await Factory(t).release(250_00, "USD", to: .payable(of: try ada.requireID(), "USD"), references: .init(organizationID: try acme.requireID()))
            let candidate = try await t.token(for: "ada@uni.test")
            let admin = try await t.token(for: "staff@tryout.test")
            let finance = try await t.token(for: "finance@tryout.test")

            #expect(try await t.api(.GET, "/api/v1/me/payout-details", token: candidate).status == .notFound)
            let bad = try await t.api(.PUT, "/api/v1/me/payout-details", token: candidate,
                                      json: #"{"holder":"Ada Okafor","method":"us","routingNumber":"011000015","accountNumber":"12"}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains(#""field":"accountNumber""#))
            let put = try await t.api(.PUT, "/api/v1/me/payout-details", token: candidate,
                                      json: #"{"holder":"Ada Okafor","method":"us","routingNumber":"011000015","accountNumber":"12345678"}"#)
            #expect(put.status == .ok && put.body.string.contains("US account ••••5678"))

            let body = #"{"currency":"USD"}"#
            #expect(try await t.api(.POST, "/api/v1/admin/payouts", token: candidate, json: body, idempotencyKey: "x").status == .notFound)
            #expect(try await t.api(.POST, "/api/v1/admin/payouts", token: admin, json: body).status == .badRequest)
            let created = try await t.api(.POST, "/api/v1/admin/payouts", token: admin, json: body, idempotencyKey: "batch-1")
            #expect(created.status == .created && created.body.string.contains(#""state":"awaiting_approval""#))
            let replay = try await t.api(.POST, "/api/v1/admin/payouts", token: admin, json: body, idempotencyKey: "batch-1")
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true" && replay.body.string == created.body.string)
            let location = try #require(created.headers.first(name: .location))
            #expect(try await t.api(.GET, location, token: candidate).status == .notFound)
            #expect(try await t.api(.POST, location + "/approve", token: admin, json: "{}", idempotencyKey: "ap-1").status == .conflict)
            #expect(try await t.api(.GET, location + "/bank-file?format=csv", token: admin).status == .conflict)
            let approved = try await t.api(.POST, location + "/approve", token: finance, json: "{}", idempotencyKey: "ap-2")
            #expect(approved.status == .ok && approved.body.string.contains(#""state":"approved""#))
            #expect(try await t.api(.GET, location + "/bank-file?format=pdf", token: admin).status == .unprocessableEntity)
            let csv = try await t.api(.GET, location + "/bank-file?format=csv", token: admin)
            #expect(CSV.rows(csv.body.string).last?.fields[4...5] == ["011000015", "12345678"])
            let xml = try await t.api(.GET, location + "/bank-file?format=pain001", token: admin)
            #expect(xml.body.string.contains("<Cd>USABA</Cd>") && xml.body.string.contains(#"<InstdAmt Ccy="USD">250.00</InstdAmt>"#))
            #expect(try await t.api(.POST, location + "/paid", token: admin, json: #"{"bankReference":""}"#, idempotencyKey: "pd-0").status == .unprocessableEntity)
            let paid = try await t.api(.POST, location + "/paid", token: admin, json: #"{"bankReference":"ACH-42"}"#, idempotencyKey: "pd-1")
            #expect(paid.status == .ok && paid.body.string.contains(#""bankReference":"ACH-42""#))
            let earnings = try await t.api(.GET, "/api/v1/me/earnings", token: candidate)
            #expect(earnings.body.string.contains(#""state":"paid""#) && earnings.body.string.contains(#""payoutAccount":"US account ••••5678""#))
            let desk = try await t.api(.GET, "/api/v1/admin/payouts", token: admin)
            #expect(desk.body.string.contains(#""owed":[]"#) && desk.body.string.contains(#""approvalAboveMajor":100"#))
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }
}
