import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The payouts pages: a person's payout details, and the platform admins' batches. The
/// services decide who may; anyone else gets a 404.
struct PayoutsController: RouteCollection {
    typealias Route = SiteURL.Payouts

    func boot(routes: any RoutesBuilder) throws {
        routes.get(Route.details, use: details)
        routes.post(Route.details, use: saveDetails)
        routes.get(Route.list, use: list)
        routes.get(Route.batch(.key), use: batch)
        for file in Route.BankFile.allCases {
            routes.get(Route.bankFile(.key, file)) { req in try await bankFile(req, file) }
        }
        let money = routes.grouped(IdempotencyMiddleware())
        money.post(Route.list, use: create)
        for step in Route.Step.allCases {
            money.post(Route.step(.key, step)) { req in try await move(req, step) }
        }
    }

    private func id(_ req: Request) -> UUID? { req.parameters.get("payoutID", as: UUID.self) }

    func details(req: Request) async throws -> Response {
        try await renderDetails(req)
    }

    private func renderDetails(_ req: Request, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let current = try await PayoutDetailsService.current(try await req.signedInContext())
        return try await req.render("Payout details", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    PayoutDetailsPage(current: current, csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func saveDetails(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input = PayoutDetailsInput(holder: form["holder"], method: form["method"], iban: form["iban"], bic: form["bic"],
                                       routingNumber: form["routingNumber"], accountNumber: form["accountNumber"], taxID: form["taxID"])
        do {
            let saved = try await PayoutDetailsService.save(input, try await req.signedInContext())
            try await req.flash("Payout details saved: payouts go to \(saved.account).")
            return req.redirect(to: SiteURL.billing(.earnings()).path)
        } catch let failure as ValidationFailure {
            // Account numbers are not sent back: only the name and the choice of account.
            return try await renderDetails(req, form: form.filter { ["holder", "method"].contains($0.key) }, errors: failure.errors)
        }
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req)
    }

    private func renderList(_ req: Request, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let desk = try await PayoutsService.desk(try await req.signedInContext())
        return try await req.render("Payouts", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    PayoutsPage(desk: desk, csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            let batch = try await PayoutsService.create(currency: form["currency"], try await req.signedInContext())
            try await req.flash("Payout \(batch.reference) holds \(batch.total.formatted) for \(batch.transfers) candidate\(batch.transfers == 1 ? "" : "s").")
            return req.redirect(to: SiteURL.payouts(.batch(.value(PayoutID(try batch.requireID())))).path)
        } catch let failure as ValidationFailure {
            return try await renderList(req, form: form, errors: failure.errors)
        }
    }

    func batch(req: Request) async throws -> Response {
        try await renderBatch(req)
    }

    private func renderBatch(_ req: Request, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let view = try await PayoutsService.view(id(req), try await req.signedInContext())
        return try await req.render("Payout \(view.batch.reference)", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    PayoutBatchPage(view: view, csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func move(_ req: Request, _ step: Route.Step) async throws -> Response {
        let ctx = try await req.signedInContext()
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        guard let batchID = id(req) else { throw ActionError.notFound }
        let back = SiteURL.payouts(.batch(.value(PayoutID(batchID)))).path
        do {
            let batch = switch step {
            case .approve: try await PayoutsService.approve(id(req), ctx)
            case .paid: try await PayoutsService.markPaid(id(req), bankReference: form["bankReference"], ctx)
            case .cancel: try await PayoutsService.cancel(id(req), ctx)
            }
            try await req.flash("Payout \(batch.reference): \(batch.state.label.lowercased()).")
        } catch let failure as ValidationFailure {
            return try await renderBatch(req, form: form, errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: back)
    }

    func bankFile(_ req: Request, _ file: Route.BankFile) async throws -> Response {
        let format: PayoutsService.BankFileFormat = file == .csv ? .csv : .pain001
        return Self.download(try await PayoutsService.bankFile(id(req), format: format, try await req.signedInContext()))
    }

    /// Bank files hold account numbers: never kept by a cache.
    static func download(_ file: PayoutBankFile) -> Response {
        .attachment(file.body, contentType: file.contentType, filename: file.filename, private: true)
    }
}
