import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The board, each milestone's versions, handing in work, feedback on it, and its files.
struct WorkController: RouteCollection {
    let uploadLimit: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Engagements.engagement(.key, .board), use: board)
        routes.get(SiteURL.Engagements.engagement(.key, .milestone(.key)), use: milestone)
        // Streamed: the checks below run before any of the body is read.
        routes.on(.POST, SiteURL.Engagements.engagement(.key, .submissions(.key)).pathComponents, body: .stream, use: submit)
            .userInfo[CSRFMiddleware.streamedKey] = true
        routes.grouped(IdempotencyMiddleware(required: false)).post(SiteURL.Engagements.engagement(.key, .feedback(.key)), use: feedback)
        routes.get(SiteURL.Engagements.engagement(.key, .file(.key)), use: EngagementDownload.file)
    }

    func board(req: Request) async throws -> Response {
        let overview = try await req.engagementOverview().overview
        return try await req.render("Board: \(overview.engagement.title)", BoardPage(snapshot: overview, now: req.now))
    }

    func milestone(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        return try await render(req, engagement, milestoneID: req.parameters.get("milestoneID", as: MilestoneID.self))
    }

    private func render(_ req: Request, _ engagement: EngagementRequest, milestoneID: MilestoneID?, errors: [FieldError] = [],
                        note: String = "", form: [String: String] = [:]) async throws -> Response {
        let snapshot = try await engagement.overview()
        guard let milestone = snapshot.milestones.first(where: { $0.id == milestoneID }) else { throw Abort(.notFound) }
        let versions = snapshot.versions(of: milestone)
        var decision: DecisionView?
        if let latest = versions.first, latest.state == .submitted, snapshot.may(.giveFeedback) {
            decision = DecisionView(try await ReviewSeat.load(latest.id, engagement.context))
        }
        var results: [SubmissionID: ResultView] = [:]
        for version in versions where snapshot.role == .candidate && version.state != .submitted {
            results[version.id] = try await ReviewsService.result(of: version.id, in: engagement.participant, engagement.context).map(ResultView.init)
        }
        return try await req.render(milestone.title, status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    MilestonePage(snapshot: snapshot, milestone: milestone, csrf: try await req.csrfToken(),
                                                  limits: req.tryout.uploadLimits, errors: errors, note: note, now: req.now,
                                                  decision: decision, results: results, form: form))
    }

    func submit(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let milestoneID: MilestoneID = try engagement.parameter("milestoneID", of: req)
        let page = SiteURL.Engagements.engagement(engagement.id, .milestone(.value(milestoneID)))
        do {
            try await WorkService.checkSubmittable(milestoneID, declaredBytes: req.headers.first(name: .contentLength).flatMap(Int.init),
                                                   limits: req.tryout.uploadLimits, in: engagement.participant, engagement.context)
        } catch ActionError.conflict(let reason) {
            // Said on the milestone page, as other refused moves are; the unread body is dropped
            // with the connection.
            try await req.flash(reason, .error)
            let response = req.redirect(to: page.path)
            response.headers.replaceOrAdd(name: .connection, value: "close")
            return response
        }
        let version = try await VersionUpload.receive(req, limit: uploadLimit, storage: req.tryout.fileStorage)
        defer { version.discard() }
        do {
            return try await req.redirecting(to: page) {
                let submission = try await WorkService.submit(milestoneID, version, storage: req.tryout.fileStorage, limits: req.tryout.uploadLimits,
                                                              in: engagement.participant, engagement.context)
                return "Version \(submission.version) handed in."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, engagement, milestoneID: milestoneID, errors: failure.errors, note: version.note)
        }
    }

    func feedback(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let submissionID: SubmissionID = try engagement.parameter("submissionID", of: req)
        let milestoneID = MilestoneID(try await WorkService.submission(submissionID, in: engagement.participant, engagement.context).$milestone.id)
        let form = try req.content.decode([String: String].self)
        // The scorecard fields come only with the form that asks the manager to score.
        let scorecard = ScorecardDraft.isIn(form) ? ScorecardDraft(form: form) : nil
        do {
            let input = try FeedbackInput(decision: form["decision"] ?? "", feedback: form["feedback"] ?? "")
            return try await req.redirecting(to: .engagement(engagement.id, .milestone(.value(milestoneID)))) {
                try await WorkService.feedback(submissionID, input, scorecard: scorecard, in: engagement.participant, engagement.context)
                return input.decision == .accept ? "Accepted." : "Changes requested."
            }
        } catch let failure as ValidationFailure {
            // A refused decision is checked before its scorecard: list the scorecard's problems too.
            let fromDecision = failure.errors.allSatisfy { ["decision", "feedback"].contains($0.field) }
            let cardErrors = fromDecision ? await Self.problems(of: scorecard, for: submissionID, engagement) : []
            return try await render(req, engagement, milestoneID: milestoneID, errors: cardErrors + failure.errors, form: form)
        }
    }

    /// A scorecard's problems, listed with the decision's so the form comes back once with all of them.
    private static func problems(of draft: ScorecardDraft?, for submissionID: SubmissionID, _ engagement: EngagementRequest) async -> [FieldError] {
        guard let draft, let seat = try? await ReviewSeat.load(submissionID, engagement.context) else { return [] }
        do throws(ValidationFailure) {
            _ = try Scorecard(levels: draft.levels, comments: draft.comments, note: draft.note, rubric: seat.rubric)
            return []
        } catch {
            return error.errors
        }
    }
}
