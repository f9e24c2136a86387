import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The board, each milestone's versions, handing in work, feedback on it, and its files.
struct WorkController: RouteCollection {
    let uploadLimit: Int

    func boot(routes: any RoutesBuilder) throws {
        let engagement = routes.grouped("engagements", ":engagementID")
        engagement.get("board", use: board)
        engagement.get("milestones", ":milestoneID", use: milestone)
        // Streamed: the checks below run before any of the body is read.
        engagement.on(.POST, "milestones", ":milestoneID", "submissions", body: .stream, use: submit)
            .userInfo[CSRFMiddleware.streamedKey] = true
        engagement.post("submissions", ":submissionID", "feedback", use: feedback)
        engagement.get("files", ":fileID", use: Self.file)
    }

    func board(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        let snapshot = try await EngagementSnapshot.load(req, context)
        return try await req.render("Board: \(context.engagement.project.title)", BoardPage(snapshot: snapshot, now: req.now))
    }

    func milestone(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        return try await render(req, context, milestoneID: req.parameters.get("milestoneID", as: UUID.self))
    }

    private func render(_ req: Request, _ context: EngagementContext, milestoneID: UUID?, errors: [FieldError] = [], note: String = "") async throws -> Response {
        let snapshot = try await EngagementSnapshot.load(req, context)
        guard let milestone = snapshot.milestones.first(where: { $0.id == milestoneID }) else { throw Abort(.notFound) }
        return try await req.render(milestone.title, status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    MilestonePage(snapshot: snapshot, milestone: milestone, csrf: try await req.csrfToken(),
                                                  limits: req.tryout.uploadLimits, errors: errors, note: note, now: req.now))
    }

    func submit(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let milestoneID = req.parameters.get("milestoneID", as: UUID.self) else { throw Abort(.notFound) }
        do {
            try await EngagementWork.checkSubmittable(req, context, milestoneID: milestoneID)
        } catch let abort as Abort where abort.status == .conflict {
            // Said on the milestone page, as other refused moves are; the unread body is dropped
            // with the connection.
            try await req.flash(abort.reason, .error)
            let response = req.redirect(to: SiteURL.milestone(context.id, milestoneID).path)
            response.headers.replaceOrAdd(name: .connection, value: "close")
            return response
        }
        let form = try await VersionForm.receive(req, limit: uploadLimit, storage: req.tryout.fileStorage)
        defer { form.discard() }
        do {
            return try await EngagementsController.redirecting(req, to: .milestone(context.id, milestoneID)) {
                let submission = try await EngagementWork.submit(req, context, milestoneID: milestoneID, form)
                return "Version \(submission.version) handed in."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, context, milestoneID: milestoneID, errors: failure.errors, note: form.note)
        }
    }

    func feedback(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let submissionID = req.parameters.get("submissionID", as: UUID.self),
              let submission = try await Submissions.find(submissionID, engagementID: context.id, on: req.db) else { throw Abort(.notFound) }
        do {
            let input = try FeedbackInput(decision: (try? req.content.get(String.self, at: "decision")) ?? "",
                                          feedback: (try? req.content.get(String.self, at: "feedback")) ?? "")
            return try await EngagementsController.redirecting(req, to: .milestone(context.id, submission.$milestone.id)) {
                try await EngagementWork.feedback(req, context, submissionID: submissionID, input)
                return input.decision == .accept ? "Accepted." : "Changes requested."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, context, milestoneID: submission.$milestone.id, errors: failure.errors)
        }
    }

    /// A submitted file, only for the engagement's people, always as a download.
    static func file(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let id = req.parameters.get("fileID", as: UUID.self),
              let file = try await Submissions.file(id, engagementID: context.id, on: req.db) else { throw Abort(.notFound) }
        let data: Data
        do {
            data = try req.tryout.fileStorage.read(sha256: file.sha256)
        } catch {
            req.logger.error("a stored file is missing: \(file.sha256)")
            throw Abort(.notFound, reason: "This file is no longer stored.")
        }
        return AgreementsController.download(data, name: file.name, contentType: file.kind.contentType, sha256: file.sha256)
    }
}
