import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Money follows the work: funding, escrow at publication, releases on acceptance, refunds.
@Suite("Payments service")
struct PaymentsServiceTests {
    private let manager = "hiring_manager@acme.test", platformAdmin = "staff@tryout.test"

    private func balance(_ account: LedgerAccount, _ t: TestApp) async throws -> Int64 {
        try await Ledger.balance(account, on: t.db)
    }

    @Test("publishing holds the places' pay in escrow; the lint says what is missing, counting credit; funds arrive by invoice")
    func fundAndPublish() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme Analytics", funded: false)
            let orgID = try org.requireID()
            try await Factory(t).user(platformAdmin, admin: true)
            let owner = try await t.context(as: "owner@acme-analytics.test")
            var brief = BriefTemplates.template(id: "data-analysis")!.brief
            brief.pay = Money(amountMinor: 60_000, currency: "USD")
            brief.slots = 2
            let project = try await ProjectsService.create(ProjectDraft(brief: brief, audience: ProjectAudience()), in: "acme-analytics", owner)
            let id = ProjectID(try project.requireID())

            let refused = await #expect(throws: ValidationFailure.self) { try await ProjectsService.transition(id, to: .published, owner) }
            #expect(refused?.errors.first { $0.field == "pay" }?.message.contains("Add USD 1,200.00") == true)
            let reading = try await MarketplaceService.reading(try #require(try await Projects.find(id: id.uuid, on: t.db)), owner)
            #expect(reading.lint?.errors.contains { $0.field == "pay" && $0.message.contains("USD 1,200.00 in escrow (2 places") } == true)

            let admin = try await t.context(as: platformAdmin)
            try await PaymentsAdminService.grantCredit(to: OrganizationID(orgID), try AmountInput(amount: "500", currency: "USD"), admin)
            let short = await #expect(throws: ValidationFailure.self) { try await ProjectsService.transition(id, to: .published, owner) }
            #expect(short?.errors.first?.message.contains("Add USD 700.00") == true)

            let invoice = try await BillingService.requestInvoice(slug: "acme-analytics", try AmountInput(amount: "700", currency: "usd"), owner)
            #expect(invoice.state == .open && invoice.amount == Money(amountMinor: 70_000, currency: "USD"))
            let typed = invoice.reference.lowercased().replacingOccurrences(of: "-", with: " ")
            await #expect(throws: ValidationFailure.self) {
                _ = try await PaymentsAdminService.recordReceipt(reference: typed, try AmountInput(amount: "700", currency: "EUR"), bankReference: "B1", admin)
            }
            _ = try await PaymentsAdminService.recordReceipt(reference: typed, try AmountInput(amount: "700", currency: "USD"), bankReference: "BANK-77", admin)
            await #expect(throws: ActionError.conflict("Invoice \(invoice.reference) is paid already.")) {
                _ = try await PaymentsAdminService.recordReceipt(reference: invoice.reference, try AmountInput(amount: "700", currency: "USD"),
                                                                 bankReference: "BANK-77", admin)
            }
            #expect(try await balance(.balance(of: orgID, "USD"), t) == 70_000)

            t.clock.advance(by: 60)
            #expect(try await ProjectsService.transition(id, to: .published, try await t.context(as: "owner@acme-analytics.test")).state == .published)
            #expect(try await balance(.escrow(of: id.uuid, "USD"), t) == 120_000)
            #expect(try await balance(.balance(of: orgID, "USD"), t) == -50_000)
            // What escrow holds stays as published: the pay, and no more places.
            var richer = brief
            richer.pay = Money(amountMinor: 90_000, currency: "USD")
            richer.slots = 3
            let edit = await #expect(throws: ValidationFailure.self) {
                try await ProjectsService.update(id, with: ProjectDraft(brief: richer, audience: ProjectAudience()), owner)
            }
            #expect(Set(edit?.errors.map(\.field) ?? []) == ["pay", "slots"])
            var fewer = brief
            fewer.slots = 1
            _ = try await ProjectsService.update(id, with: ProjectDraft(brief: fewer, audience: ProjectAudience()), owner)
            let billing = try await BillingService.billing(slug: "acme-analytics", month: nil, owner)
            #expect(billing.balances.first?.balance.amountMinor == -50_000 && billing.balances.first?.creditLimit.amountMinor == 50_000)
            #expect(billing.escrows.map(\.balance_minor) == [120_000])
            #expect(billing.statement.map(\.kind) == [.funding, .escrowHold])
            #expect(BillingService.statementCSV(billing.statement).contains("escrow_hold,Escrow for “\(brief.title)”,USD,-1200.00,1200.00,0.00,0.00"))

            // Closing with no place filled gives all of it back.
            _ = try await ProjectsService.transition(id, to: .closed, owner)
            #expect(try await balance(.escrow(of: id.uuid, "USD"), t) == 0)
            #expect(try await balance(.balance(of: orgID, "USD"), t) == 70_000)
            #expect(try await Ledger.verify(on: t.db).isEmpty)
            // Two entries alike in words and time are still two lines.
            for _ in 1...2 {
                try await Ledger.post(.transfer(.funding, 100, from: .platform(.externalFunding, "USD"), to: .balance(of: orgID, "USD"), memo: "Same words",
                                                references: .init(organizationID: orgID)), by: nil, at: t.clock.now, on: t.db)
            }
            #expect(try await BillingService.statement(of: orgID, StatementMonth(containing: t.clock.now), owner).filter { $0.memo == "Same words" }.count == 2)
            let actions = try await AuditLog.recent(limit: 10, on: t.db).map(\.action)
            #expect(actions.contains(.invoiceIssued) && actions.contains(.fundingReceived) && actions.contains(.creditGranted))
        }
    }

    @Test("only the organization's owners and admins read its money; another organization and the platform desk's outsiders get not found")
    func access() async throws {
        try await withTestApp { t in
            _ = try await Factory(t).engagement()
            try await Factory(t).organization("Other Works")
            for email in ["owner@other-works.test", manager, "reviewer@acme.test", "ada@uni.test"] {
                let ctx = try await t.context(as: email)
                await #expect(throws: ActionError.notFound) { _ = try await BillingService.billing(slug: "acme", month: nil, ctx) }
                await #expect(throws: ActionError.notFound) { _ = try await PaymentsAdminService.desk(ctx) }
            }
            #expect(try await BillingService.billing(slug: "acme", month: nil, try await t.context(as: "admin@acme.test")).organization.slug == "acme")
        }
    }

    @Test("accepting releases each deliverable's share and fee; a partial decision releases part and accepting later the rest; nothing twice")
    func releases() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = EngagementID(try engagement.requireID())
            let project = try #require(try await Projects.find(id: engagement.$project.id, on: t.db))
            let terms = EscrowTerms(pay: Money(amountMinor: engagement.payMinor, currency: engagement.currency), feeBasisPoints: 1_000, places: 2)
            try await Escrows.hold(terms, for: project, by: nil, at: t.clock.now, on: t.db)
            try await t.startWork(id)
            let milestones = try await Engagements.milestones(of: id.uuid, on: t.db)
            let shares = terms.shares(weights: milestones.map(\.weight))
            let payable = LedgerAccount.payable(of: engagement.$candidate.id, engagement.currency)
            let fees = LedgerAccount.platform(.platformFees, engagement.currency)

            func handIn(_ index: Int) async throws -> SubmissionID {
                let (ada, context) = try await t.participant(id, as: "ada@uni.test")
                let version = try await WorkService.submit(MilestoneID(try milestones[index].requireID()),
                                                           VersionUpload(note: "", links: ["https://example.org/v"], files: []),
                                                           storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, context)
                return SubmissionID(try version.requireID())
            }
            func answer(_ version: SubmissionID, _ decision: String) async throws {
                let (hana, context) = try await t.participant(id, as: manager)
                try await WorkService.feedback(version, try FeedbackInput(decision: decision, feedback: "Noted."), scorecard: .all(3), in: hana, context)
            }

            try await answer(try await handIn(0), "accept")
            #expect(try await balance(payable, t) == shares[0].pay)
            #expect(try await balance(fees, t) == shares[0].fee)

            // The second deliverable is sent back; a dispute awards 40% of it, accepting later pays the rest.
            let sentBack = try await handIn(1)
            try await answer(sentBack, "request_changes")
            try await Factory(t).user(platformAdmin, admin: true)
            let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
            let dispute = try await DisputesService.open(try DisputeInput(subject: "version_decision", submissionID: sentBack.uuid, statement: "Done.",
                                                                          evidence: [DisputeEvidence(kind: .version, id: sentBack.uuid)]), in: ada, adaContext)
            try await DisputesService.answer(DisputeID(try dispute.requireID()), "Not done.", try await t.context(as: manager))
            try await DisputesService.decide(DisputeID(try dispute.requireID()), try DisputeDecisionInput(outcome: "partial", note: "Part of it.",
                                                                                                        sharePercent: 40, reviewerID: nil),
                                             try await t.context(as: platformAdmin))
            #expect(try await balance(payable, t) == shares[0].pay + shares[1].pay * 40 / 100)
            let midway = try await EarningsService.earnings(year: nil, adaContext)
            #expect(midway.payable == [Money(amountMinor: shares[0].pay + shares[1].pay * 40 / 100, currency: engagement.currency)])
            #expect(midway.pending.map(\.stillToEarn.amountMinor) == [terms.pay.amountMinor - midway.payable[0].amountMinor])
            #expect(midway.releases.count == 2 && midway.yearTotals == midway.payable)
            try await answer(try await handIn(1), "accept")
            try await answer(try await handIn(2), "accept")
            #expect(try await balance(payable, t) == terms.pay.amountMinor)
            #expect(try await balance(fees, t) == terms.feePerPlace)
            #expect(try await Engagements.find(id.uuid, on: t.db)?.state == .completed)
            let done = try await EarningsService.earnings(year: nil, try await t.context(as: "ada@uni.test"))
            #expect(done.pending.isEmpty && done.releases.count == 4 && done.yearTotals == [terms.pay])
            #expect(try await EarningsService.earnings(year: nil, try await t.context(as: manager)).payable.isEmpty)
            // One place's worth stays for the place never filled, until the project closes.
            #expect(try await balance(.escrow(of: project.id!, engagement.currency), t) == terms.perPlace)
            _ = try await ProjectsService.transition(ProjectID(project.id!), to: .closed, try await t.context(as: manager))
            #expect(try await balance(.escrow(of: project.id!, engagement.currency), t) == 0)
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }

    @Test("an engagement ended early gives back what it can no longer earn once the project takes no one else; an employee's pay goes to payroll")
    func endedEarlyAndPayroll() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            engagement.classification = .employee
            try await engagement.save(on: t.db)
            let id = EngagementID(try engagement.requireID())
            let project = try #require(try await Projects.find(id: engagement.$project.id, on: t.db))
            let terms = EscrowTerms(pay: Money(amountMinor: engagement.payMinor, currency: engagement.currency), feeBasisPoints: 0, places: 1)
            try await Escrows.hold(terms, for: project, by: nil, at: t.clock.now, on: t.db)
            try await t.startWork(id)
            let milestone = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).first)
            let (ada, context) = try await t.participant(id, as: "ada@uni.test")
            let version = try await WorkService.submit(MilestoneID(try milestone.requireID()), VersionUpload(note: "", links: ["https://example.org/v"], files: []),
                                                       storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, context)
            let (hana, hanaContext) = try await t.participant(id, as: manager)
            try await WorkService.feedback(SubmissionID(try version.requireID()), try FeedbackInput(decision: "accept", feedback: "Good."),
                                           scorecard: .all(3), in: hana, hanaContext)
            let first = terms.shares(weights: try await Engagements.milestones(of: id.uuid, on: t.db).map(\.weight))[0].pay
            #expect(try await balance(.payroll(of: engagement.$organization.id, engagement.currency), t) == first)
            #expect(try await balance(.payable(of: engagement.$candidate.id, engagement.currency), t) == 0)

            _ = try await ProjectsService.transition(ProjectID(project.id!), to: .closed, hanaContext)
            let before = try await balance(.balance(of: engagement.$organization.id, engagement.currency), t)
            try await EngagementsService.terminate(try TerminationInput(reason: "Budget cut."), in: try await EngagementParticipant.load(id, hanaContext), hanaContext)
            #expect(try await balance(.balance(of: engagement.$organization.id, engagement.currency), t) == before + terms.pay.amountMinor - first)
            #expect(try await balance(.escrow(of: project.id!, engagement.currency), t) == 0)
            #expect(try await Ledger.verify(on: t.db).isEmpty)
        }
    }

    @Test("a year's releases that reach the reporting threshold are flagged, and the year's statement is a CSV of them")
    func reportingThreshold() async throws {
        try await withTestApp { t in
            let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            func release(_ amount: Int64, _ memo: String) async throws {
                try await Factory(t).release(amount, to: .payable(of: try ada.requireID(), "USD"), memo: memo)
            }
            try await release(150_000, "“Memo”, Churn")
            let context = try await t.context(as: "ada@uni.test")
            #expect(try await EarningsService.earnings(year: nil, context).reportable.isEmpty)
            t.clock.advance(by: 60)
            try await release(50_000, "=SUM(A1), Forecast")
            let year = try await EarningsService.earnings(year: nil, context)
            #expect(year.reportable.map(\.total) == [Money(amountMinor: 200_000, currency: "USD")])
            #expect(year.reportable.first?.threshold.form == "1099-NEC")
            let rows = CSV.rows(year.statementCSV)
            #expect(rows.map(\.fields.count) == [4, 4, 4] && rows.last?.fields[1] == "'=SUM(A1), Forecast" && rows.last?.fields[3] == "500.00")
            #expect(try await EarningsService.earnings(year: year.year - 1, context).releases.isEmpty)
        }
    }
}
