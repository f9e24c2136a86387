import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for an organization's money and the platform admins' payments desk: the same
/// services and rules as the pages. Requests that move money need an `Idempotency-Key`.
struct BillingAPIController: RouteCollection {
    private typealias Route = SiteURL.Billing

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(Route.api(.billing(.key)), use: billing)
        api.get(Route.api(.statement(.key)), use: statement)
        api.get(Route.api(.invoice(.key, .key)), use: invoice)
        api.get(Route.api(.earnings), use: earnings)
        api.get(Route.api(.payroll(.key)), use: payroll)
        api.get(Route.api(.form1099(.key)), use: form1099)
        let money = api.grouped(IdempotencyMiddleware())
        money.post(Route.api(.invoices(.key)), use: requestInvoice)
        money.post(Route.api(.receipts), use: recordReceipt)
        money.post(Route.api(.credit), use: grantCredit)
        money.post(Route.api(.payrollPaid(.key)), use: markPayrollPaid)
    }

    private func slug(_ req: Request) -> String { req.parameters.get("slug") ?? "" }

    func billing(req: Request) async throws -> DTO.Billing {
        DTO.Billing(try await BillingService.billing(slug: slug(req), month: nil, try await req.signedInContext()))
    }

    func statement(req: Request) async throws -> DTO.Statement {
        let month = req.query[String.self, at: "month"]
        if let month, StatementMonth(month) == nil {
            throw ValidationFailure([FieldError("month", "Give the month as YYYY-MM, like 2026-12.")])
        }
        let view = try await BillingService.billing(slug: slug(req), month: month, try await req.signedInContext())
        return DTO.Statement(month: view.month.text, lines: view.statement.map(DTO.StatementLine.init))
    }

    func invoice(req: Request) async throws -> DTO.Invoice {
        DTO.Invoice(try await BillingService.invoice(slug: slug(req), req.parameters.get("invoiceID", as: UUID.self), try await req.signedInContext()))
    }

    func earnings(req: Request) async throws -> DTO.Earnings {
        let year = req.query[String.self, at: "year"]
        if let year, !(2000...2999).contains(Int(year) ?? 0) {
            throw ValidationFailure([FieldError("year", "Give the year as four digits from 2000 to 2999, like 2026.")])
        }
        return DTO.Earnings(try await EarningsService.earnings(year: year.flatMap { Int($0) }, try await req.signedInContext()))
    }

    func payroll(req: Request) async throws -> DTO.Payroll {
        let month = req.query[String.self, at: "month"]
        if let month, StatementMonth(month) == nil {
            throw ValidationFailure([FieldError("month", "Give the month as YYYY-MM, like 2026-11.")])
        }
        return DTO.Payroll(try await EmployerReportsService.payroll(slug: slug(req), month: month, try await req.signedInContext()))
    }

    func markPayrollPaid(req: Request) async throws -> DTO.Payroll {
        let ctx = try await req.signedInContext()
        _ = try await BillingService.billing(slug: slug(req), month: nil, ctx)
        let body = try req.decodeJSON(DTO.PayrollPaidInput.self)
        return DTO.Payroll(try await EmployerReportsService.markPayrollPaid(slug: slug(req), month: body.month, ctx))
    }

    func form1099(req: Request) async throws -> Response {
        let year = req.query[String.self, at: "year"]
        let form = try await EmployerReportsService.form1099NEC(slug: slug(req), year: year.map { Int($0) ?? 0 }, try await req.signedInContext())
        return .attachment(form.csv, contentType: "text/csv; charset=utf-8", filename: "form-1099-nec-\(slug(req))-\(form.year).csv", private: true)
    }

    func requestInvoice(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        // Someone who may not add funds is refused before the body is judged.
        _ = try await BillingService.billing(slug: slug(req), month: nil, ctx)
        let body = try req.decodeJSON(DTO.InvoiceInput.self)
        let invoice = try await BillingService.requestInvoice(slug: slug(req), try AmountInput(minor: body.amount.amountMinor, currency: body.amount.currency,
                                                                                              field: "amount.amountMinor", currencyField: "amount.currency"), ctx)
        return try await DTO.Invoice(invoice).created(at: "organizations", slug(req), "billing", "invoices", try invoice.requireID(), for: req)
    }

    func recordReceipt(req: Request) async throws -> DTO.Invoice {
        let ctx = try await req.signedInContext()
        try PaymentsAdminService.requirePaymentsAdmin(ctx)
        let body = try req.decodeJSON(DTO.ReceiptInput.self)
        let amount = try AmountInput(minor: body.amount.amountMinor, currency: body.amount.currency, field: "amount.amountMinor", currencyField: "amount.currency")
        return DTO.Invoice(try await PaymentsAdminService.recordReceipt(reference: body.reference, amount, bankReference: body.bankReference, ctx))
    }

    func grantCredit(req: Request) async throws -> DTO.Credit {
        let ctx = try await req.signedInContext()
        try PaymentsAdminService.requirePaymentsAdmin(ctx)
        let body = try req.decodeJSON(DTO.Credit.self)
        let limit = try AmountInput(minor: body.limit.amountMinor, currency: body.limit.currency, field: "limit.amountMinor",
                                    currencyField: "limit.currency", allowZero: true)
        try await PaymentsAdminService.grantCredit(to: OrganizationID(body.organizationID), limit, ctx)
        return DTO.Credit(organizationID: body.organizationID, limit: DTO.MoneyAmount(amountMinor: limit.money.amountMinor, currency: limit.money.currency))
    }
}

extension DTO {
    struct Billing: Content {
        struct Balance: Content {
            var balance: MoneyAmount
            var creditLimit: MoneyAmount
        }

        struct Escrow: Content {
            var projectID: UUID
            var title: String
            var projectState: String
            var pay: MoneyAmount
            var feeBasisPoints: Int
            var places: Int
            var held: MoneyAmount
        }

        var balances: [Balance]
        var escrows: [Escrow]
        var invoices: [Invoice]

        init(_ view: BillingView) {
            balances = view.balances.map { Balance(balance: MoneyAmount($0.balance), creditLimit: MoneyAmount($0.creditLimit)) }
            escrows = view.escrows.map { escrow in
                Escrow(projectID: escrow.project_id, title: escrow.title, projectState: escrow.state, pay: MoneyAmount(escrow.terms.pay),
                       feeBasisPoints: escrow.fee_basis_points, places: escrow.places, held: MoneyAmount(escrow.balance))
            }
            invoices = view.invoices.map(Invoice.init)
        }
    }

    struct Invoice: Content {
        var id: UUID
        var reference: String
        var amount: MoneyAmount
        var state: InvoiceState
        var createdAt: Date
        var paidAt: Date?
        var bankReference: String?

        init(_ record: InvoiceRecord) {
            id = record.id!
            reference = record.reference
            amount = MoneyAmount(record.amount)
            state = record.state
            createdAt = record.createdAt
            paidAt = record.paidAt
            bankReference = record.bankReference
        }
    }

    struct Statement: Content {
        var month: String
        var lines: [StatementLine]
    }

    /// One entry of the month, with what it did to each of the organization's accounts, in minor units.
    struct StatementLine: Content {
        var date: Date
        var kind: JournalEntryKind
        var description: String
        var currency: String
        var balanceMinor: Int64
        var escrowMinor: Int64
        var payrollMinor: Int64
        var feesMinor: Int64

        init(_ line: OrganizationStatementLine) {
            date = line.date
            kind = line.kind
            description = line.memo
            currency = line.currency
            balanceMinor = line.balance
            escrowMinor = line.escrow
            payrollMinor = line.payroll
            feesMinor = line.fees
        }
    }

    /// A candidate's earnings: released and waiting for payout, still to earn, and the year's releases.
    struct Earnings: Content {
        struct Pending: Content {
            var engagementID: UUID
            var title: String
            var organization: String
            var stillToEarn: MoneyAmount
            var viaPayroll: Bool
        }

        struct Release: Content {
            var date: Date
            var description: String
            var amount: MoneyAmount
        }

        /// A payout batch that pays the candidate, with its state (`awaiting_approval` and
        /// `approved` are on their way).
        struct Payout: Content {
            var reference: String
            var amount: MoneyAmount
            var state: PayoutBatchState
            var createdAt: Date
            var closedAt: Date?
        }

        var payable: [MoneyAmount]
        var pending: [Pending]
        var payouts: [Payout]
        var payoutAccount: String?
        var year: Int
        var releases: [Release]
        var yearTotals: [MoneyAmount]
        var reportable: [Reportable]

        /// A year's total that reached its tax reporting threshold.
        struct Reportable: Content {
            var total: MoneyAmount
            var threshold: MoneyAmount
            var form: String
        }

        init(_ view: EarningsView) {
            payable = view.payable.map(MoneyAmount.init)
            pending = view.pending.map { Pending(engagementID: $0.engagementID, title: $0.title, organization: $0.organization,
                                                 stillToEarn: MoneyAmount($0.stillToEarn), viaPayroll: $0.viaPayroll) }
            payouts = view.payouts.map { Payout(reference: $0.reference, amount: MoneyAmount(Money(amountMinor: $0.amount_minor, currency: $0.currency)),
                                                state: PayoutBatchState(rawValue: $0.state) ?? .approved, createdAt: $0.created_at, closedAt: $0.closed_at) }
            payoutAccount = view.payoutAccount
            year = view.year
            releases = view.releases.map { Release(date: $0.date, description: $0.memo, amount: MoneyAmount($0.amount)) }
            yearTotals = view.yearTotals.map(MoneyAmount.init)
            reportable = view.reportable.map { Reportable(total: MoneyAmount($0.total), threshold: MoneyAmount($0.threshold.amount), form: $0.threshold.form) }
        }
    }

    /// A pay period's releases of employees' pay to the organization's payroll account.
    struct Payroll: Content {
        struct Release: Content {
            var date: Date
            var employee: String
            var email: String
            var description: String
            var amount: MoneyAmount
        }

        var month: String
        var isOver: Bool
        var totals: [MoneyAmount]
        var paidCurrencies: [String]
        var releases: [Release]

        init(_ period: PayrollPeriod) {
            month = period.month.text
            isOver = period.isOver
            totals = period.totals.map(MoneyAmount.init)
            paidCurrencies = period.paidCurrencies.sorted()
            releases = period.releases.map {
                Release(date: $0.created_at, employee: $0.employee, email: $0.email, description: $0.memo,
                        amount: MoneyAmount(amountMinor: $0.amount_minor, currency: $0.currency))
            }
        }
    }

    struct PayrollPaidInput: Content {
        var month: String
    }

    struct InvoiceInput: Content {
        var amount: MoneyAmount
    }

    struct ReceiptInput: Content {
        var reference: String
        var amount: MoneyAmount
        var bankReference: String
    }

    struct Credit: Content {
        var organizationID: UUID
        var limit: MoneyAmount
    }
}
