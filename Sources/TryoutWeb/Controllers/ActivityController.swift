import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// An engagement's check-ins, message thread and time log.
struct ActivityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let engagement = routes.grouped("engagements", ":engagementID")
        engagement.get("check-ins", use: checkIns)
        engagement.post("check-ins", use: book)
        engagement.post("check-ins", ":checkInID", "notes", use: notes)
        engagement.get("messages", use: messages)
        engagement.post("messages", use: post)
        engagement.get("time", use: timeLog)
        engagement.post("time", use: log)
        engagement.post("time", ":entryID", "delete", use: deleteEntry)
    }

    private func field(_ req: Request, _ name: String) -> String {
        (try? req.content.get(String.self, at: name)) ?? ""
    }

    func checkIns(req: Request) async throws -> Response {
        try await renderCheckIns(req, try await EngagementContext.load(req))
    }

    private func renderCheckIns(_ req: Request, _ context: EngagementContext, errors: [FieldError] = []) async throws -> Response {
        let snapshot = try await EngagementSnapshot.load(req, context)
        let typed = Dictionary(uniqueKeysWithValues: ["startsAt", "minutes", "agenda"].map { ($0, field(req, $0)) })
        return try await req.render("Check-ins", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    CheckInsPage(snapshot: snapshot, csrf: try await req.csrfToken(), now: req.now, errors: errors,
                                                 typed: errors.isEmpty ? [:] : typed))
    }

    func book(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        do {
            let input = try CheckInInput(startsAt: field(req, "startsAt"), minutes: Int(field(req, "minutes")), agenda: field(req, "agenda"), now: req.now)
            return try await EngagementsController.redirecting(req, to: .engagementPage(context.id, "check-ins")) {
                _ = try await EngagementConversation.book(req, context, input)
                return "Check-in booked."
            }
        } catch let failure as ValidationFailure {
            return try await renderCheckIns(req, context, errors: failure.errors)
        }
    }

    func notes(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let checkInID = req.parameters.get("checkInID", as: UUID.self) else { throw Abort(.notFound) }
        do {
            let notes = try CheckInNotes(notes: field(req, "notes"), candidateAttended: !field(req, "candidateAttended").isEmpty)
            return try await EngagementsController.redirecting(req, to: .engagementPage(context.id, "check-ins")) {
                try await EngagementConversation.recordNotes(req, context, checkInID: checkInID, notes)
                return "Notes saved."
            }
        } catch let failure as ValidationFailure {
            return try await renderCheckIns(req, context, errors: failure.errors)
        }
    }

    func messages(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        try await EngagementActivity.markRead(engagementID: context.id, userID: context.userID, at: req.now, on: req.db)
        return try await renderMessages(req, context)
    }

    private func renderMessages(_ req: Request, _ context: EngagementContext, errors: [FieldError] = [], draft: String = "") async throws -> Response {
        let snapshot = try await EngagementSnapshot.load(req, context)
        let thread = try await EngagementActivity.messages(of: context.id, on: req.db)
        return try await req.render("Messages", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    MessagesPage(snapshot: snapshot, messages: thread, csrf: try await req.csrfToken(), errors: errors, draft: draft))
    }

    func post(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        let body = field(req, "body")
        do {
            _ = try await EngagementConversation.post(req, context, body: body, email: !field(req, "email").isEmpty)
        } catch let failure as ValidationFailure {
            return try await renderMessages(req, context, errors: failure.errors, draft: body)
        }
        return req.redirect(to: SiteURL.engagementPage(context.id, "messages").path)
    }

    func timeLog(req: Request) async throws -> Response {
        try await renderTime(req, try await EngagementContext.load(req))
    }

    private func renderTime(_ req: Request, _ context: EngagementContext, errors: [FieldError] = []) async throws -> Response {
        let snapshot = try await EngagementSnapshot.load(req, context)
        let entries = try await EngagementActivity.timeEntries(of: context.id, on: req.db)
        return try await req.render("Time log", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    TimeLogPage(snapshot: snapshot, entries: entries, csrf: try await req.csrfToken(), today: req.now, errors: errors))
    }

    func log(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        do {
            let input = try TimeEntryInput(day: field(req, "day"), hours: field(req, "hours"), note: field(req, "note"), now: req.now)
            return try await EngagementsController.redirecting(req, to: .engagementPage(context.id, "time")) {
                try await EngagementConversation.log(req, context, input, milestoneID: field(req, "milestoneID"))
                return "Time logged."
            }
        } catch let failure as ValidationFailure {
            return try await renderTime(req, context, errors: failure.errors)
        }
    }

    func deleteEntry(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let entryID = req.parameters.get("entryID", as: UUID.self) else { throw Abort(.notFound) }
        return try await EngagementsController.redirecting(req, to: .engagementPage(context.id, "time")) {
            try await EngagementConversation.deleteEntry(req, context, entryID: entryID)
            return "Entry removed."
        }
    }
}
