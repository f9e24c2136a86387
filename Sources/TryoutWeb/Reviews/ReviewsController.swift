import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The review pages: the queue, one version's review page and its files, and scoring it. Who
/// may see what is `ReviewSeat`'s to decide; anyone else gets a 404.
struct ReviewsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Reviews.queue, use: queue)
        routes.get(SiteURL.Reviews.review(.key), use: review)
        routes.post(SiteURL.Reviews.review(.key), use: score)
        routes.get(SiteURL.Reviews.file(.key, .key), use: file)
    }

    func queue(req: Request) async throws -> Response {
        let rows = try await ReviewsService.queue(try await req.signedInContext()).map(QueueRow.init)
        return try await req.render("Versions to score", ReviewQueuePage(rows: rows))
    }

    private func seat(_ req: Request) async throws -> (ReviewSeat, ActionContext) {
        guard let id = req.parameters.get("submissionID", as: SubmissionID.self) else { throw Abort(.notFound) }
        let ctx = try await req.signedInContext()
        return (try await ReviewSeat.load(id, ctx), ctx)
    }

    func review(req: Request) async throws -> Response {
        let (seat, _) = try await seat(req)
        return try await render(req, seat)
    }

    private func render(_ req: Request, _ seat: ReviewSeat, form: [String: String] = [:], errors: [FieldError] = []) async throws -> Response {
        let view = try ReviewSeatView(seat)
        return try await req.render("Version \(view.version) of \(view.milestoneTitle)", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    ReviewPage(seat: view, rubric: seat.rubric, csrf: try await req.csrfToken(), form: form, errors: errors))
    }

    func score(req: Request) async throws -> Response {
        let (seat, ctx) = try await seat(req)
        let form = try req.content.decode([String: String].self)
        let page = SiteURL.reviews(.review(.value(seat.submissionID))).path
        do {
            try await ReviewsService.score(seat.submissionID, ScorecardDraft(form: form), ctx)
            try await req.flash("Your scorecard is in.")
        } catch let failure as ValidationFailure {
            return try await render(req, seat, form: form, errors: failure.errors)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: page)
    }

    /// A file of the version, for the people who review it (who need not be on the engagement).
    func file(req: Request) async throws -> Response {
        let (seat, _) = try await seat(req)
        guard let fileID = req.parameters.get("fileID", as: SubmissionFileID.self),
              let file = seat.submission.files.first(where: { $0.id == fileID.uuid }) else { throw Abort(.notFound) }
        return try EngagementDownload.stored(file, req)
    }
}

extension ScorecardDraft {
    /// The scorecard fields of a form: `levels.N` and `comments.N` per criterion, and `note`. A
    /// level left unchosen is not sent at all; it stays empty here and the rubric check names it.
    init(form: [String: String]) {
        let indices = form.keys.compactMap { key -> Int? in
            guard let dot = key.firstIndex(of: "."), ["levels", "comments"].contains(String(key[..<dot])) else { return nil }
            return Int(key[key.index(after: dot)...])
        }
        let count = min((indices.max() ?? -1) + 1, BriefInput.maxCriteria + 1)
        self.init(levels: (0..<count).map { form["levels.\($0)"] ?? "" },
                  comments: (0..<count).map { form["comments.\($0)"] ?? "" },
                  note: form["note"] ?? "")
    }

    /// Whether a form carries a scorecard at all.
    static func isIn(_ form: [String: String]) -> Bool {
        form.keys.contains { $0.hasPrefix("levels.") || $0.hasPrefix("comments.") }
    }
}
