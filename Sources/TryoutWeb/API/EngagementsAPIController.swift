import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for engagements: the same moves as the pages, for the same people.
struct EngagementsAPIController: RouteCollection {
    let uploadLimit: Int

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get("engagements", use: list)
        let engagement = api.grouped("engagements", ":engagementID")
        engagement.get(use: show)
        engagement.get("agreements", ":agreementID", use: agreement)
        engagement.post("agreements", ":agreementID", "signature", use: sign)
        engagement.post("checklist", ":itemID", "done", use: tick)
        engagement.on(.POST, "milestones", ":milestoneID", "submissions", body: .stream, use: submit)
        engagement.get("files", ":fileID", use: WorkController.file)
        engagement.post("submissions", ":submissionID", "feedback", use: feedback)
        engagement.get("check-ins", use: checkIns)
        engagement.post("check-ins", use: book)
        engagement.post("check-ins", ":checkInID", "notes", use: notes)
        engagement.get("messages", use: messages)
        engagement.post("messages", use: post)
        engagement.get("time-entries", use: timeLog)
        engagement.post("time-entries", use: log)
        engagement.post("termination", use: terminate)
    }

    func list(req: Request) async throws -> [DTO.EngagementSummary] {
        try await EngagementsController.visible(req).map(DTO.EngagementSummary.init)
    }

    private func detail(_ req: Request, _ context: EngagementContext) async throws -> DTO.Engagement {
        DTO.Engagement(try await EngagementSnapshot.load(req, context))
    }

    /// The context read again after a move, so the answer shows the new state.
    private func reloaded(_ req: Request, _ context: EngagementContext) async throws -> DTO.Engagement {
        try await detail(req, try await EngagementContext.load(req, id: context.id))
    }

    func show(req: Request) async throws -> DTO.Engagement {
        try await detail(req, try await EngagementContext.load(req))
    }

    func agreement(req: Request) async throws -> DTO.Agreement {
        DTO.Agreement(try await AgreementsController.load(req).1)
    }

    func sign(req: Request) async throws -> DTO.Agreement {
        let (context, agreement) = try await AgreementsController.load(req)
        let body = try req.decodeJSON(DTO.SignatureBody.self)
        let id = try agreement.requireID()
        try await EngagementWork.sign(req, context, agreementID: id, try SignatureInput(fullName: body.fullName ?? "", consent: body.consent ?? false))
        return DTO.Agreement(try await Agreements.find(id, engagementID: context.id, on: req.db) ?? agreement)
    }

    func tick(req: Request) async throws -> DTO.Engagement {
        let context = try await EngagementContext.load(req)
        guard let itemID = req.parameters.get("itemID", as: UUID.self) else { throw Abort(.notFound) }
        try await EngagementWork.tick(req, context, itemID: itemID)
        return try await reloaded(req, context)
    }

    func submit(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let milestoneID = req.parameters.get("milestoneID", as: UUID.self) else { throw Abort(.notFound) }
        try await EngagementWork.checkSubmittable(req, context, milestoneID: milestoneID)
        let form = try await VersionForm.receive(req, limit: uploadLimit, storage: req.tryout.fileStorage)
        defer { form.discard() }
        let submission = try await EngagementWork.submit(req, context, milestoneID: milestoneID, form)
        let stored = try await Submissions.find(try submission.requireID(), engagementID: context.id, on: req.db) ?? submission
        return try await DTO.Submission(stored).created(at: "engagements", context.id, "submissions", try stored.requireID(), for: req)
    }

    func feedback(req: Request) async throws -> DTO.Submission {
        let context = try await EngagementContext.load(req)
        guard let submissionID = req.parameters.get("submissionID", as: UUID.self) else { throw Abort(.notFound) }
        let body = try req.decodeJSON(DTO.FeedbackBody.self)
        try await EngagementWork.feedback(req, context, submissionID: submissionID, try FeedbackInput(decision: body.decision ?? "", feedback: body.feedback ?? ""))
        guard let answered = try await Submissions.find(submissionID, engagementID: context.id, on: req.db) else { throw Abort(.notFound) }
        return DTO.Submission(answered)
    }

    func checkIns(req: Request) async throws -> [DTO.CheckIn] {
        let context = try await EngagementContext.load(req)
        return try await EngagementActivity.checkIns(of: context.id, on: req.db).map(DTO.CheckIn.init)
    }

    func book(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        let body = try req.decodeJSON(DTO.CheckInBody.self)
        let input = try CheckInInput(startsAt: body.startsAt ?? "", minutes: body.minutes, agenda: body.agenda ?? "", now: req.now)
        let checkIn = try await EngagementConversation.book(req, context, input)
        return try await DTO.CheckIn(checkIn).created(at: "engagements", context.id, "check-ins", try checkIn.requireID(), for: req)
    }

    func notes(req: Request) async throws -> DTO.CheckIn {
        let context = try await EngagementContext.load(req)
        guard let checkInID = req.parameters.get("checkInID", as: UUID.self) else { throw Abort(.notFound) }
        let body = try req.decodeJSON(DTO.CheckInNotesBody.self)
        try await EngagementConversation.recordNotes(req, context, checkInID: checkInID,
                                                     try CheckInNotes(notes: body.notes ?? "", candidateAttended: body.candidateAttended ?? false))
        guard let checkIn = try await EngagementActivity.checkIn(checkInID, engagementID: context.id, on: req.db) else { throw Abort(.notFound) }
        return DTO.CheckIn(checkIn)
    }

    /// The thread; reading it marks it read.
    func messages(req: Request) async throws -> [DTO.Message] {
        let context = try await EngagementContext.load(req)
        try await EngagementActivity.markRead(engagementID: context.id, userID: context.userID, at: req.now, on: req.db)
        return try await EngagementActivity.messages(of: context.id, on: req.db).map { DTO.Message($0, viewer: context.userID) }
    }

    func post(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        let body = try req.decodeJSON(DTO.MessageBody.self)
        let message = try await EngagementConversation.post(req, context, body: body.body ?? "", email: body.email ?? false)
        return try await DTO.Message(message, viewer: context.userID).created(at: "engagements", context.id, "messages", try message.requireID(), for: req)
    }

    func timeLog(req: Request) async throws -> DTO.TimeLog {
        let context = try await EngagementContext.load(req)
        let entries = try await EngagementActivity.timeEntries(of: context.id, on: req.db)
        return DTO.TimeLog(minutesLogged: entries.reduce(0) { $0 + $1.minutes }, estimatedHours: context.engagement.estimatedHours,
                           entries: entries.map(DTO.TimeEntry.init))
    }

    func log(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        let body = try req.decodeJSON(DTO.TimeEntryBody.self)
        let input = try TimeEntryInput(day: body.day ?? "", hours: body.hours.map { String($0) } ?? "", note: body.note ?? "", now: req.now)
        let entry = try await EngagementConversation.log(req, context, input, milestoneID: body.milestoneID ?? "")
        return try await timeLog(req: req).created(at: "engagements", context.id, "time-entries", try entry.requireID(), for: req)
    }

    func terminate(req: Request) async throws -> DTO.Engagement {
        let context = try await EngagementContext.load(req)
        let body = try req.decodeJSON(DTO.TerminationBody.self)
        try await EngagementWork.terminate(req, context, try TerminationInput(reason: body.reason ?? ""))
        return try await reloaded(req, context)
    }
}
