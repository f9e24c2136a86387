import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The dispute pages: an engagement's disputes and opening one, one dispute with its answer,
/// withdrawal and decision, and the platform admins' desk. Who may see and do what is
/// `DisputesService`'s to decide; anyone else gets a 404.
struct DisputesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Disputes.engagement(.key), use: list)
        routes.post(SiteURL.Disputes.engagement(.key), use: open)
        routes.get(SiteURL.Disputes.dispute(.key), use: show)
        routes.post(SiteURL.Disputes.dispute(.key, .answer), use: answer)
        routes.post(SiteURL.Disputes.dispute(.key, .withdraw), use: withdraw)
        routes.grouped(IdempotencyMiddleware(required: false)).post(SiteURL.Disputes.dispute(.key, .decision), use: decide)
        routes.get(SiteURL.Disputes.desk, use: desk)
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, try await EngagementRequest.load(req), form: DisputeForm())
    }

    private func renderList(_ req: Request, _ engagement: EngagementRequest, form: DisputeForm, errors: [FieldError] = []) async throws -> Response {
        let found = try await DisputesService.disputes(in: engagement.participant, engagement.context)
        let sentBack = found.sentBack.map { (id: SubmissionID($0.id!), label: "Version \($0.version) of “\($0.milestone.title)”") }
        return try await req.render("Disputes", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    EngagementDisputesPage(engagementID: engagement.id, title: engagement.participant.engagement.project.title,
                                                           rows: found.disputes.map(DisputeRow.init), sentBack: sentBack, evidence: found.evidence,
                                                           form: form, csrf: try await req.csrfToken(), errors: errors))
    }

    struct OpenForm: Content {
        var subject: String?
        var submissionID: String?
        var statement: String?
        var evidence: [String]?
    }

    func open(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let sent = try req.content.decode(OpenForm.self)
        let form = DisputeForm(subject: sent.subject ?? "", submissionID: sent.submissionID ?? "", statement: sent.statement ?? "",
                               evidence: sent.evidence ?? [])
        do {
            let evidence = form.parsedEvidence
            guard evidence.count == form.evidence.count else {
                throw ValidationFailure([FieldError("evidence", "Evidence must be versions, messages or check-ins of this engagement.")])
            }
            let input = try DisputeInput(subject: form.subject, submissionID: UUID(uuidString: form.submissionID), statement: form.statement,
                                         evidence: evidence)
            let dispute = try await DisputesService.open(input, in: engagement.participant, engagement.context)
            try await req.flash("The dispute is open. The other side has \(DisputeRules.responseDays) working days to answer.")
            return req.redirect(to: SiteURL.disputes(.dispute(.value(DisputeID(try dispute.requireID())))).path)
        } catch let failure as ValidationFailure {
            return try await renderList(req, engagement, form: form, errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            return try await renderList(req, engagement, form: form, errors: [FieldError("subject", reason)])
        }
    }

    private func disputeID(_ req: Request) throws -> DisputeID {
        guard let id = req.parameters.get("disputeID", as: DisputeID.self) else { throw Abort(.notFound) }
        return id
    }

    func show(req: Request) async throws -> Response {
        try await render(req, try disputeID(req), try await req.signedInContext())
    }

    private func render(_ req: Request, _ id: DisputeID, _ ctx: ActionContext, answer: String = "", decision: [String: String] = [:],
                        errors: [FieldError] = []) async throws -> Response {
        let detail = DisputeDetail(try await DisputesService.view(id, ctx))
        return try await req.render("Dispute", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    DisputePage(detail: detail, csrf: try await req.csrfToken(), answer: answer, decision: decision, errors: errors))
    }

    func answer(req: Request) async throws -> Response {
        let id = try disputeID(req), ctx = try await req.signedInContext()
        let text = (try? req.content.get(String.self, at: "answer")) ?? ""
        return try await move(req, id, ctx, done: "Your answer is in; a platform admin decides next.", answer: text) {
            try await DisputesService.answer(id, text, ctx)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let id = try disputeID(req), ctx = try await req.signedInContext()
        return try await move(req, id, ctx, done: "The dispute is withdrawn.") { try await DisputesService.withdraw(id, ctx) }
    }

    func decide(req: Request) async throws -> Response {
        let id = try disputeID(req), ctx = try await req.signedInContext()
        let form = try req.content.decode([String: String].self)
        return try await move(req, id, ctx, done: "The dispute is decided; both sides have been told.", decision: form) {
            let shareText = form["sharePercent"] ?? ""
            guard shareText.isEmpty || Int(shareText) != nil else {
                throw ValidationFailure([FieldError("sharePercent", "Give the share as a whole number of percent.")])
            }
            let input = try DisputeDecisionInput(outcome: form["outcome"] ?? "", note: form["note"] ?? "", sharePercent: Int(shareText),
                                                 reviewerID: form["reviewerID"].flatMap(UUID.init(uuidString:)))
            try await DisputesService.decide(id, input, ctx)
        }
    }

    /// Runs a move on the dispute: back to its page with a message, or the page again with the
    /// form's problems; a move the dispute's state refuses comes back as a message.
    private func move(_ req: Request, _ id: DisputeID, _ ctx: ActionContext, done: String, answer: String = "", decision: [String: String] = [:],
                      _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            try await req.flash(done)
        } catch let failure as ValidationFailure {
            return try await render(req, id, ctx, answer: answer, decision: decision, errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: SiteURL.disputes(.dispute(.value(id))).path)
    }

    func desk(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let desk = try await DisputesService.desk(ctx)
        return try await req.render("Disputes", DisputeDeskPage(rows: desk.open.map(DisputeRow.init), decidedLastYear: desk.decidedLastYear,
                                                                medianTimeToDecision: desk.medianTimeToDecision, now: ctx.now))
    }
}
