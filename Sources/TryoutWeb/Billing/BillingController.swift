import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The billing pages of an organization and the platform admins' payments desk. The services
/// decide who may; anyone else gets a 404.
struct BillingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Billing.billing(.key), use: billing)
        routes.get(SiteURL.Billing.statementCSV(.key), use: statementCSV)
        routes.get(SiteURL.Billing.invoice(.key, .key), use: invoice)
        routes.get(SiteURL.Billing.desk, use: desk)
        routes.get(SiteURL.Billing.earnings(), use: earnings)
        routes.get(SiteURL.Billing.earningsCSV(), use: earningsCSV)
        routes.get(SiteURL.Billing.payroll(.key), use: payroll)
        routes.get(SiteURL.Billing.payrollCSV(.key), use: payrollCSV)
        routes.get(SiteURL.Billing.form1099(.key), use: form1099)
        let money = routes.grouped(IdempotencyMiddleware())
        money.post(SiteURL.Billing.invoices(.key), use: requestInvoice)
        money.post(SiteURL.Billing.receipts, use: recordReceipt)
        money.post(SiteURL.Billing.credit, use: grantCredit)
        money.post(SiteURL.Billing.payrollPaid(.key), use: markPayrollPaid)
    }

    private func slug(_ req: Request) -> String { req.parameters.get("slug") ?? "" }

    func billing(req: Request) async throws -> Response {
        try await renderBilling(req)
    }

    private func renderBilling(_ req: Request, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let view = try await BillingService.billing(slug: slug(req), month: req.query[String.self, at: "month"], try await req.signedInContext())
        return try await req.render("Billing", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    BillingPage(model: BillingViewModel(view), csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func statementCSV(req: Request) async throws -> Response {
        let view = try await BillingService.billing(slug: slug(req), month: req.query[String.self, at: "month"], try await req.signedInContext())
        return Self.csv(BillingService.statementCSV(view.statement), filename: "statement-\(view.organization.slug)-\(view.month.text).csv")
    }

    func payroll(req: Request) async throws -> Response {
        let period = try await EmployerReportsService.payroll(slug: slug(req), month: req.query[String.self, at: "month"], try await req.signedInContext())
        return try await req.render("Payroll", PayrollPage(period: period, csrf: try await req.csrfToken()))
    }

    func payrollCSV(req: Request) async throws -> Response {
        let period = try await EmployerReportsService.payroll(slug: slug(req), month: req.query[String.self, at: "month"], try await req.signedInContext())
        return Self.csv(period.csv, filename: "payroll-\(period.organization.slug)-\(period.month.text).csv")
    }

    func markPayrollPaid(req: Request) async throws -> Response {
        let month = try req.content.decode([String: String].self)["month"]
        do {
            let period = try await EmployerReportsService.markPayrollPaid(slug: slug(req), month: month, try await req.signedInContext())
            try await req.flash("\(period.month.label) is marked paid through payroll.")
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        } catch is ValidationFailure {
            try await req.flash("Choose a month to mark paid.", .error)
        }
        return req.redirect(to: SiteURL.billing(.payroll(.value(slug(req)), month: month)).path)
    }

    func form1099(req: Request) async throws -> Response {
        let year = req.query[String.self, at: "year"]
        let form = try await EmployerReportsService.form1099NEC(slug: slug(req), year: year.map { Int($0) ?? 0 }, try await req.signedInContext())
        return Self.csv(form.csv, filename: "form-1099-nec-\(slug(req))-\(form.year).csv", private: true)
    }

    /// A CSV file to download.
    private static func csv(_ text: String, filename: String, private: Bool = false) -> Response {
        .attachment(text, contentType: "text/csv; charset=utf-8", filename: filename, private: `private`)
    }

    func requestInvoice(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            let invoice = try await BillingService.requestInvoice(slug: slug(req), try AmountInput(amount: form["amount"], currency: form["currency"]),
                                                                  try await req.signedInContext())
            try await req.flash("Invoice \(invoice.reference) is ready: pay it by bank transfer, quoting the reference.")
            return req.redirect(to: SiteURL.billing(.invoice(.value(slug(req)), .value(InvoiceID(try invoice.requireID())))).path)
        } catch let failure as ValidationFailure {
            return try await renderBilling(req, form: form, errors: failure.errors)
        }
    }

    func invoice(req: Request) async throws -> Response {
        let invoice = try await BillingService.invoice(slug: slug(req), req.parameters.get("invoiceID", as: UUID.self), try await req.signedInContext())
        return try await req.render("Invoice \(invoice.reference)", InvoicePage(invoice: invoice, bankDetails: req.tryout.paymentSettings.bankDetails))
    }

    func earnings(req: Request) async throws -> Response {
        let view = try await EarningsService.earnings(year: req.query[Int.self, at: "year"], try await req.signedInContext())
        return try await req.render("Earnings", EarningsPage(view: view))
    }

    func earningsCSV(req: Request) async throws -> Response {
        let view = try await EarningsService.earnings(year: req.query[Int.self, at: "year"], try await req.signedInContext())
        return Self.csv(view.statementCSV, filename: "earnings-\(view.year).csv")
    }

    func desk(req: Request) async throws -> Response {
        try await renderDesk(req)
    }

    private func renderDesk(_ req: Request, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let desk = try await PaymentsAdminService.desk(try await req.signedInContext())
        return try await req.render("Payments", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    PaymentsDeskPage(desk: desk, csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func recordReceipt(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await deskMove(req, form: form) {
            let invoice = try await PaymentsAdminService.recordReceipt(reference: form["reference"], try AmountInput(amount: form["amount"], currency: form["currency"]),
                                                                       bankReference: form["bankReference"], try await req.signedInContext())
            return "Recorded: \(invoice.organization.name)'s balance grew by \(form["amount"] ?? "") \(form["currency"] ?? "")."
        }
    }

    func grantCredit(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await deskMove(req, form: form) {
            let limit = try AmountInput(amount: form["creditAmount"], currency: form["creditCurrency"], field: "creditAmount",
                                        currencyField: "creditCurrency", allowZero: true)
            try await PaymentsAdminService.grantCredit(to: form["organizationID"].flatMap(OrganizationID.init), limit, try await req.signedInContext())
            return "Credit set to \(limit.money.formatted)."
        }
    }

    /// Back to the desk with a message, or the desk again with the form's problems.
    private func deskMove(_ req: Request, form: [String: String], _ body: () async throws -> String) async throws -> Response {
        do {
            try await req.flash(try await body())
        } catch let failure as ValidationFailure {
            return try await renderDesk(req, form: form, errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: SiteURL.billing(.desk).path)
    }
}
