import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Candidates' payout details, and payout batches from creation to the bank's confirmation.
@Suite("Payouts service")
struct PayoutsServiceTests {
    private let first = "staff@tryout.test", second = "finance@tryout.test"
    private let iban = PayoutDetailsInput(holder: "Ada Okafor", method: "iban", iban: "DE89 3704 0044 0532 0130 00", bic: "COBADEFFXXX", taxID: "123-45-6789")

    @Test("payout details are checked, sealed, shown masked, and do not open for anyone else")
    func details() async throws {
        try await withTestApp { t in
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            let grace = try await Factory(t).candidate("grace@uni.test", name: "Grace Hopper")
            let context = try await t.context(as: "ada@uni.test")
            let refused = await #expect(throws: ValidationFailure.self) {
                try await PayoutDetailsService.save(PayoutDetailsInput(holder: "Ada", method: "iban", iban: "DE89 3704 0044 0532 0130 01"), context)
            }
            #expect(refused?.errors.map(\.field) == ["iban"])
            #expect(try await PayoutDetailsService.current(context) == nil)

            try await PayoutDetailsService.save(iban, context)
            let shown = try #require(try await PayoutDetailsService.current(context))
            #expect(shown.account == "DE89 •••• 3000" && shown.taxID == "•••• 6789" && shown.holder == "Ada Okafor")
            let stored = try #require(try await Payouts.details(of: try ada.requireID(), on: t.db))
            #expect(!stored.sealed.contains("3704") && !stored.sealed.contains("6789") && stored.masked == shown.account)
            #expect(try await AuditLog.recent(limit: 5, on: t.db).contains { $0.action == .payoutDetailsSaved })

            // Copied onto another person, the sealed details are bound to Ada and do not open.
            try await Payouts.saveDetails(of: try grace.requireID(), method: "iban", masked: stored.masked, sealed: stored.sealed, at: t.clock.now, on: t.db)
            #expect(try await PayoutDetailsService.current(try await t.context(as: "grace@uni.test"))?.holder == "")
        }
    }

    @Test("a batch takes what candidates with details are owed, a second admin approves a large one, the bank file carries it, paid closes it")
    func batch() async throws {
        try await withTestApp(configure: {
            $0.payments = .success(PaymentSettings(approval: PayoutApprovalPolicy(thresholdMajor: 100),
                                                   payoutAccount: PayoutDebtor.parse("Tryout Payments|GB82WEST12345698765432|NWBKGB2L")))
        }) { t in
            let acme = try await Factory(t).organization("Acme Analytics")
            let beta = try await Factory(t).organization("Beta Works")
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            let grace = try await Factory(t).candidate("grace@uni.test", name: "Grace Hopper")
            try await Factory(t).user(first, admin: true)
            try await Factory(t).user(second, admin: true)
            try await Factory(t).release(6_000, "EUR", to: .payable(of: try ada.requireID(), "EUR"), references: .init(organizationID: try acme.requireID()))
            try await Factory(t).release(9_000, "EUR", to: .payable(of: try ada.requireID(), "EUR"), references: .init(organizationID: try beta.requireID()))
            try await Factory(t).release(2_500, "EUR", to: .payable(of: try grace.requireID(), "EUR"), references: .init(organizationID: try acme.requireID()))
            try await PayoutDetailsService.save(iban, try await t.context(as: "ada@uni.test"))
            let admin = try await t.context(as: first)
            let receiver = t.useWebhookReceiver()
            let owner = try await t.context(as: "owner@acme-analytics.test")
            _ = try await WebhooksService.create(url: "https://hooks.example.com/acme", kind: "standard", events: ["payout.paid"],
                                                 in: try await WebhooksService.organization(slug: "acme-analytics", owner),
                                                 settings: t.webhookSettings, owner)

            // Grace has no details, so only Ada is paid; a candidate cannot batch anything.
            await #expect(throws: ActionError.notFound) { _ = try await PayoutsService.create(currency: "EUR", try await t.context(as: "ada@uni.test")) }
            await #expect(throws: ValidationFailure.self) { _ = try await PayoutsService.create(currency: "USD", admin) }
            let batch = try await PayoutsService.create(currency: "EUR", admin)
            #expect(batch.state == .awaitingApproval && batch.totalMinor == 15_000 && batch.transfers == 1)
            #expect(try await Ledger.balance(.payable(of: try ada.requireID(), "EUR"), on: t.db) == 0)
            #expect(try await Ledger.balance(.platform(.payoutsInTransit, "EUR"), on: t.db) == 15_000)
            #expect(try await Ledger.balance(.payable(of: try grace.requireID(), "EUR"), on: t.db) == 2_500)
            // Nothing more is owed to anyone with details: a second batch finds nobody.
            await #expect(throws: ValidationFailure.self) { _ = try await PayoutsService.create(currency: "EUR", admin) }

            let id = try batch.requireID()
            await #expect(throws: ActionError.self) { _ = try await PayoutsService.bankFile(id, format: .csv, admin) }
            await #expect(throws: ActionError.conflict("A second platform admin approves payout \(batch.reference): you created it.")) {
                _ = try await PayoutsService.approve(id, admin)
            }
            let finance = try await t.context(as: second)
            let view = try await PayoutsService.view(id, finance)
            #expect(view.mayApprove && view.lines.count == 1 && view.lines[0].organizations == ["Acme Analytics", "Beta Works"])
            #expect(try await PayoutsService.approve(id, finance).state == .approved)

            let xml = try await PayoutsService.bankFile(id, format: .pain001, admin).body
            #expect(xml.contains("<IBAN>DE89370400440532013000</IBAN>") && xml.contains(#"<InstdAmt Ccy="EUR">150.00</InstdAmt>"#))
            #expect(xml.contains("<MsgId>\(batch.reference)</MsgId>") && xml.contains("<Nm>Tryout Payments</Nm>"))
            let csv = CSV.rows(try await PayoutsService.bankFile(id, format: .csv, admin).body)
            #expect(csv.count == 2 && csv[1].fields[1] == "Ada Okafor" && csv[1].fields[7] == "150.00")

            await #expect(throws: ValidationFailure.self) { _ = try await PayoutsService.markPaid(id, bankReference: " ", admin) }
            let paid = try await PayoutsService.markPaid(id, bankReference: "BANK-2026-1202", admin)
            #expect(paid.state == .paid && paid.bankReference == "BANK-2026-1202")
            await #expect(throws: ActionError.self) { _ = try await PayoutsService.markPaid(id, bankReference: "again", admin) }
            await #expect(throws: ActionError.self) { _ = try await PayoutsService.cancel(id, admin) }
            #expect(try await Ledger.balance(.platform(.paidOut, "EUR"), on: t.db) == 15_000)
            // Acme hears of its own share only: Ada's pay from Beta is not Acme's business.
            try await t.runJobs()
            let bodies = receiver.received.map(\.request.body)
            #expect(bodies.count == 1 && bodies[0].contains(#""type":"payout.paid""#) && bodies[0].contains(#""amountMinor":6000"#))
            #expect(try await Ledger.balance(.platform(.payoutsInTransit, "EUR"), on: t.db) == 0)
            #expect(try await Notifications.recent(userID: try ada.requireID(), on: t.db).contains { $0.message.contains("EUR 150.00") })
            let payouts = try await Payouts.of(candidateID: try ada.requireID(), on: t.db)
            #expect(payouts.map(\.amount_minor) == [15_000] && payouts.first?.state == "paid")
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }

    @Test("cancelling a batch gives the payables back with a reversing entry; a small batch needs no second admin; another admin's batch is not found by a candidate")
    func cancel() async throws {
        try await withTestApp { t in
            let acme = try await Factory(t).organization("Acme Analytics")
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            try await Factory(t).user(first, admin: true)
            try await Factory(t).release(6_000, "EUR", to: .payable(of: try ada.requireID(), "EUR"), references: .init(organizationID: try acme.requireID()))
            try await PayoutDetailsService.save(iban, try await t.context(as: "ada@uni.test"))
            let admin = try await t.context(as: first)
            let batch = try await PayoutsService.create(currency: "EUR", admin)
            #expect(batch.state == .approved)
            await #expect(throws: ActionError.notFound) { _ = try await PayoutsService.view(try batch.requireID(), try await t.context(as: "ada@uni.test")) }
            // Without the platform's account only the CSV can be made.
            await #expect(throws: ActionError.self) { _ = try await PayoutsService.bankFile(try batch.requireID(), format: .pain001, admin) }
            #expect(try await PayoutsService.cancel(try batch.requireID(), admin).state == .cancelled)
            #expect(try await Ledger.balance(.payable(of: try ada.requireID(), "EUR"), on: t.db) == 6_000)
            #expect(try await Ledger.balance(.platform(.payoutsInTransit, "EUR"), on: t.db) == 0)
            // The money can be batched again, and the cancelled batch counts for nothing.
            #expect(try await PayoutsService.create(currency: "EUR", admin).totalMinor == 6_000)
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }
}
