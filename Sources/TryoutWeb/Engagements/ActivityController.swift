import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// An engagement's check-ins, message thread and time log.
struct ActivityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Engagements.engagement(.key, .checkIns), use: checkIns)
        routes.post(SiteURL.Engagements.engagement(.key, .checkIns), use: book)
        routes.post(SiteURL.Engagements.engagement(.key, .checkInNotes(.key)), use: notes)
        routes.get(SiteURL.Engagements.engagement(.key, .messages), use: messages)
        routes.post(SiteURL.Engagements.engagement(.key, .messages), use: post)
        routes.get(SiteURL.Engagements.engagement(.key, .time), use: timeLog)
        routes.post(SiteURL.Engagements.engagement(.key, .time), use: log)
        routes.post(SiteURL.Engagements.engagement(.key, .deleteTimeEntry(.key)), use: deleteEntry)
    }

    private func field(_ req: Request, _ name: String) -> String {
        (try? req.content.get(String.self, at: name)) ?? ""
    }

    func checkIns(req: Request) async throws -> Response {
        try await renderCheckIns(req)
    }

    private func renderCheckIns(_ req: Request, errors: [FieldError] = []) async throws -> Response {
        let typed = Dictionary(uniqueKeysWithValues: ["startsAt", "minutes", "agenda"].map { ($0, field(req, $0)) })
        return try await req.render("Check-ins", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    CheckInsPage(snapshot: try await req.engagementOverview().overview, csrf: try await req.csrfToken(), now: req.now, errors: errors,
                                                 typed: errors.isEmpty ? [:] : typed))
    }

    func book(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        do {
            let input = try CheckInInput(startsAt: field(req, "startsAt"), minutes: Int(field(req, "minutes")), agenda: field(req, "agenda"), now: req.now)
            return try await req.redirecting(to: .engagement(engagement.id, .checkIns)) {
                _ = try await ActivityService.book(input, in: engagement.participant, engagement.context)
                return "Check-in booked."
            }
        } catch let failure as ValidationFailure {
            return try await renderCheckIns(req, errors: failure.errors)
        }
    }

    func notes(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let checkInID: CheckInID = try engagement.parameter("checkInID", of: req)
        do {
            let notes = try CheckInNotes(notes: field(req, "notes"), candidateAttended: !field(req, "candidateAttended").isEmpty)
            return try await req.redirecting(to: .engagement(engagement.id, .checkIns)) {
                try await ActivityService.recordNotes(notes, on: checkInID, in: engagement.participant, engagement.context)
                return "Notes saved."
            }
        } catch let failure as ValidationFailure {
            return try await renderCheckIns(req, errors: failure.errors)
        }
    }

    func messages(req: Request) async throws -> Response {
        try await renderMessages(req, try await req.engagementThread(markingRead: true))
    }

    private func renderMessages(_ req: Request, _ thread: EngagementThread, errors: [FieldError] = [], draft: String = "") async throws -> Response {
        try await req.render("Messages", status: errors.isEmpty ? .ok : .unprocessableEntity,
                             MessagesPage(thread: thread, csrf: try await req.csrfToken(), errors: errors, draft: draft))
    }

    func post(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let body = field(req, "body")
        do {
            _ = try await ActivityService.post(body, email: !field(req, "email").isEmpty, in: engagement.participant, engagement.context)
        } catch let failure as ValidationFailure {
            return try await renderMessages(req, try await req.engagementThread(markingRead: false), errors: failure.errors, draft: body)
        }
        return req.redirect(to: SiteURL.Engagements.engagement(engagement.id, .messages).path)
    }

    func timeLog(req: Request) async throws -> Response {
        try await renderTime(req, try await EngagementRequest.load(req))
    }

    private func renderTime(_ req: Request, _ engagement: EngagementRequest, errors: [FieldError] = []) async throws -> Response {
        let snapshot = try await engagement.overview()
        let entries = try await ActivityService.timeEntries(in: engagement.participant, engagement.context).map(TimeEntryRow.init)
        return try await req.render("Time log", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    TimeLogPage(snapshot: snapshot, entries: entries, csrf: try await req.csrfToken(), today: req.now, errors: errors))
    }

    func log(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        do {
            let input = try TimeEntryInput(day: field(req, "day"), hours: field(req, "hours"), note: field(req, "note"), now: req.now)
            return try await req.redirecting(to: .engagement(engagement.id, .time)) {
                try await ActivityService.log(input, milestoneID: field(req, "milestoneID"), in: engagement.participant, engagement.context)
                return "Time logged."
            }
        } catch let failure as ValidationFailure {
            return try await renderTime(req, engagement, errors: failure.errors)
        }
    }

    func deleteEntry(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let entryID: TimeEntryID = try engagement.parameter("entryID", of: req)
        return try await req.redirecting(to: .engagement(engagement.id, .time)) {
            try await ActivityService.deleteEntry(entryID, in: engagement.participant, engagement.context)
            return "Entry removed."
        }
    }
}
