import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for payouts: a person's own payout details, and the platform admins' batches.
/// Requests that move money need an `Idempotency-Key`.
struct PayoutsAPIController: RouteCollection {
    typealias Route = SiteURL.Payouts

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(Route.api(.details), use: details)
        api.on(.PUT, Route.api(.details), use: saveDetails)
        api.get(Route.api(.list), use: list)
        api.get(Route.api(.batch(.key)), use: batch)
        api.get(Route.api(.bankFile(.key)), use: bankFile)
        let money = api.grouped(IdempotencyMiddleware())
        money.post(Route.api(.list), use: create)
        for step in Route.Step.allCases {
            money.post(Route.api(.step(.key, step))) { req in try await move(req, step) }
        }
    }

    private func id(_ req: Request) -> UUID? { req.parameters.get("payoutID", as: UUID.self) }

    func details(req: Request) async throws -> DTO.PayoutDetails {
        guard let view = try await PayoutDetailsService.current(try await req.signedInContext()) else {
            throw Abort(.notFound, reason: "No payout details yet.")
        }
        return DTO.PayoutDetails(view)
    }

    func saveDetails(req: Request) async throws -> DTO.PayoutDetails {
        let ctx = try await req.signedInContext()
        let body = try req.decodeJSON(DTO.PayoutDetailsInput.self)
        return DTO.PayoutDetails(try await PayoutDetailsService.save(body.input, ctx))
    }

    func list(req: Request) async throws -> DTO.PayoutDesk {
        DTO.PayoutDesk(try await PayoutsService.desk(try await req.signedInContext()))
    }

    func batch(req: Request) async throws -> DTO.PayoutBatch {
        DTO.PayoutBatch(try await PayoutsService.view(id(req), try await req.signedInContext()))
    }

    func create(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        try PaymentsAdminService.requirePaymentsAdmin(ctx)
        let body = try req.decodeJSON(DTO.PayoutInput.self)
        let batch = try await PayoutsService.create(currency: body.currency, ctx)
        return try await DTO.PayoutBatch(try await PayoutsService.view(batch.id, ctx)).created(at: "admin", "payouts", try batch.requireID(), for: req)
    }

    func move(_ req: Request, _ step: Route.Step) async throws -> DTO.PayoutBatch {
        let ctx = try await req.signedInContext()
        try PaymentsAdminService.requirePaymentsAdmin(ctx)
        switch step {
        case .approve: _ = try await PayoutsService.approve(id(req), ctx)
        case .cancel: _ = try await PayoutsService.cancel(id(req), ctx)
        case .paid: _ = try await PayoutsService.markPaid(id(req), bankReference: try req.decodeJSON(DTO.PaidInput.self).bankReference, ctx)
        }
        return DTO.PayoutBatch(try await PayoutsService.view(id(req), ctx))
    }

    func bankFile(req: Request) async throws -> Response {
        let raw = req.query[String.self, at: "format"] ?? "csv"
        guard let format = PayoutsService.BankFileFormat(rawValue: raw) else {
            throw ValidationFailure([FieldError("format", "Ask for format csv or pain001.")])
        }
        return PayoutsController.download(try await PayoutsService.bankFile(id(req), format: format, try await req.signedInContext()))
    }
}

extension DTO {
    struct PayoutDetails: Content {
        var method: String
        var holder: String
        var account: String
        var taxID: String?
        var updatedAt: Date

        init(_ view: PayoutDetailsView) {
            method = view.method
            holder = view.holder
            account = view.account
            taxID = view.taxID
            updatedAt = view.updatedAt
        }
    }

    struct PayoutDetailsInput: Content {
        var holder: String?
        var method: String?
        var iban: String?
        var bic: String?
        var routingNumber: String?
        var accountNumber: String?
        var taxID: String?

        var input: TryoutCore.PayoutDetailsInput {
            .init(holder: holder, method: method, iban: iban, bic: bic, routingNumber: routingNumber, accountNumber: accountNumber, taxID: taxID)
        }
    }

    struct PayoutDesk: Content {
        struct Owed: Content {
            var total: MoneyAmount
            var candidates: Int
        }

        var owed: [Owed]
        var batches: [PayoutBatchSummary]
        var approvalAboveMajor: Int64

        init(_ desk: TryoutApp.PayoutDesk) {
            owed = desk.owed.map { Owed(total: MoneyAmount($0.total), candidates: $0.candidates) }
            batches = desk.batches.map(PayoutBatchSummary.init)
            approvalAboveMajor = desk.approval.thresholdMajor
        }
    }

    struct PayoutBatchSummary: Content {
        var id: UUID
        var reference: String
        var total: MoneyAmount
        var transfers: Int
        var state: PayoutBatchState
        var createdAt: Date
        var approvedAt: Date?
        var closedAt: Date?
        var bankReference: String?

        init(_ record: PayoutBatchRecord) {
            id = record.id!
            reference = record.reference
            total = MoneyAmount(record.total)
            transfers = record.transfers
            state = record.state
            createdAt = record.createdAt
            approvedAt = record.approvedAt
            closedAt = record.closedAt
            bankReference = record.bankReference
        }
    }

    struct PayoutBatch: Content {
        struct Line: Content {
            var candidate: String
            var email: String
            var account: String
            var amount: MoneyAmount
            var organizations: [String]
        }

        var batch: PayoutBatchSummary
        var lines: [Line]
        var mayApprove: Bool

        init(_ view: PayoutBatchView) {
            batch = PayoutBatchSummary(view.batch)
            lines = view.lines.map { Line(candidate: $0.candidate, email: $0.email, account: $0.account, amount: MoneyAmount($0.amount), organizations: $0.organizations) }
            mayApprove = view.mayApprove
        }
    }

    struct PayoutInput: Content {
        var currency: String
    }

    struct PaidInput: Content {
        var bankReference: String
    }
}
