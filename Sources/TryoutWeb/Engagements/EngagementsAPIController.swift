import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// `/api/v1` for engagements: the same moves as the pages, for the same people.
struct EngagementsAPIController: RouteCollection {
    let uploadLimit: Int

    private typealias Route = SiteURL.Engagements

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(Route.api(.list), use: list)
        api.get(Route.api(.engagement(.key)), use: show)
        api.get(Route.api(.engagement(.key, .agreement(.key))), use: agreement)
        api.post(Route.api(.engagement(.key, .signature(.key))), use: sign)
        api.post(Route.api(.engagement(.key, .tick(.key))), use: tick)
        api.on(.POST, Route.api(.engagement(.key, .submissions(.key))).pathComponents, body: .stream, use: submit)
        api.get(Route.api(.engagement(.key, .file(.key))), use: EngagementDownload.file)
        api.grouped(IdempotencyMiddleware(required: false)).post(Route.api(.engagement(.key, .feedback(.key))), use: feedback)
        api.get(Route.api(.engagement(.key, .checkIns)), use: checkIns)
        api.post(Route.api(.engagement(.key, .checkIns)), use: book)
        api.post(Route.api(.engagement(.key, .checkInNotes(.key))), use: notes)
        api.get(Route.api(.engagement(.key, .messages)), use: messages)
        api.post(Route.api(.engagement(.key, .messages)), use: post)
        api.get(Route.api(.engagement(.key, .timeEntries)), use: timeLog)
        api.post(Route.api(.engagement(.key, .timeEntries)), use: log)
        api.grouped(IdempotencyMiddleware(required: false)).post(Route.api(.engagement(.key, .termination)), use: terminate)
    }

    func list(req: Request) async throws -> [DTO.EngagementSummary] {
        try await EngagementsService.visible(try await req.signedInContext()).map(DTO.EngagementSummary.init)
    }

    private func detail(_ engagement: EngagementRequest) async throws -> DTO.Engagement {
        var detail = DTO.Engagement(try await engagement.snapshot())
        try await detail.addReviewResults(engagement)
        return detail
    }

    func show(req: Request) async throws -> DTO.Engagement {
        try await detail(try await EngagementRequest.load(req))
    }

    func agreement(req: Request) async throws -> DTO.Agreement {
        let engagement = try await EngagementRequest.load(req)
        return DTO.Agreement(try await AgreementsService.agreement(try engagement.parameter("agreementID", of: req), in: engagement.participant,
                                                                   engagement.context))
    }

    func sign(req: Request) async throws -> DTO.Agreement {
        let engagement = try await EngagementRequest.load(req)
        let id: AgreementID = try engagement.parameter("agreementID", of: req)
        // Another engagement's agreement is a 404 before the body is judged.
        _ = try await AgreementsService.agreement(id, in: engagement.participant, engagement.context)
        let body = try req.decodeJSON(DTO.SignatureBody.self)
        try await AgreementsService.sign(id, try SignatureInput(fullName: body.fullName ?? "", consent: body.consent ?? false),
                                         in: engagement.participant, engagement.context)
        return DTO.Agreement(try await AgreementsService.agreement(id, in: engagement.participant, engagement.context))
    }

    func tick(req: Request) async throws -> DTO.Engagement {
        let engagement = try await EngagementRequest.load(req)
        try await EngagementsService.tick(try engagement.parameter("itemID", of: req), in: engagement.participant, engagement.context)
        return try await detail(try await engagement.reloaded())
    }

    func submit(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let milestoneID: MilestoneID = try engagement.parameter("milestoneID", of: req)
        let limits = req.tryout.uploadLimits
        try await WorkService.checkSubmittable(milestoneID, declaredBytes: req.headers.first(name: .contentLength).flatMap(Int.init), limits: limits,
                                               in: engagement.participant, engagement.context)
        let version = try await VersionUpload.receive(req, limit: uploadLimit, storage: req.tryout.fileStorage)
        defer { version.discard() }
        let submission = try await WorkService.submit(milestoneID, version, storage: req.tryout.fileStorage, limits: limits,
                                                      in: engagement.participant, engagement.context)
        let stored = try await WorkService.submission(SubmissionID(try submission.requireID()), in: engagement.participant, engagement.context)
        return try await DTO.Submission(stored).created(at: "engagements", engagement.id.uuid, "submissions", try stored.requireID(), for: req)
    }

    func feedback(req: Request) async throws -> DTO.Submission {
        let engagement = try await EngagementRequest.load(req)
        let submissionID: SubmissionID = try engagement.parameter("submissionID", of: req)
        let body = try req.decodeJSON(DTO.FeedbackBody.self)
        let input = try FeedbackInput(decision: body.decision ?? "", feedback: body.feedback ?? "")
        do {
            try await WorkService.feedback(submissionID, input, scorecard: body.scorecard?.draft, in: engagement.participant, engagement.context)
        } catch let failure as ValidationFailure {
            // The only fields the service checks are the scorecard's, nested under `scorecard` in this body.
            throw ValidationFailure(failure.errors.map { FieldError("scorecard.\($0.field)", $0.message) })
        }
        return DTO.Submission(try await WorkService.submission(submissionID, in: engagement.participant, engagement.context))
    }

    func checkIns(req: Request) async throws -> [DTO.CheckIn] {
        let engagement = try await EngagementRequest.load(req)
        return try await ActivityService.checkIns(in: engagement.participant, engagement.context).map(DTO.CheckIn.init)
    }

    func book(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let body = try req.decodeJSON(DTO.CheckInBody.self)
        let input = try CheckInInput(startsAt: body.startsAt ?? "", minutes: body.minutes, agenda: body.agenda ?? "", now: req.now)
        let checkIn = try await ActivityService.book(input, in: engagement.participant, engagement.context)
        return try await DTO.CheckIn(checkIn).created(at: "engagements", engagement.id.uuid, "check-ins", try checkIn.requireID(), for: req)
    }

    func notes(req: Request) async throws -> DTO.CheckIn {
        let engagement = try await EngagementRequest.load(req)
        let checkInID: CheckInID = try engagement.parameter("checkInID", of: req)
        let body = try req.decodeJSON(DTO.CheckInNotesBody.self)
        try await ActivityService.recordNotes(try CheckInNotes(notes: body.notes ?? "", candidateAttended: body.candidateAttended ?? false),
                                              on: checkInID, in: engagement.participant, engagement.context)
        return DTO.CheckIn(try await ActivityService.checkIn(checkInID, in: engagement.participant, engagement.context))
    }

    /// The thread; reading it marks it read.
    func messages(req: Request) async throws -> [DTO.Message] {
        let engagement = try await EngagementRequest.load(req)
        let viewer = engagement.participant.userID.uuid
        return try await ActivityService.read(in: engagement.participant, engagement.context).map { DTO.Message($0, viewer: viewer) }
    }

    func post(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let body = try req.decodeJSON(DTO.MessageBody.self)
        let message = try await ActivityService.post(body.body ?? "", email: body.email ?? false, in: engagement.participant, engagement.context)
        return try await DTO.Message(message, viewer: engagement.participant.userID.uuid)
            .created(at: "engagements", engagement.id.uuid, "messages", message.id, for: req)
    }

    private func timeLog(_ engagement: EngagementRequest) async throws -> DTO.TimeLog {
        let entries = try await ActivityService.timeEntries(in: engagement.participant, engagement.context)
        return DTO.TimeLog(minutesLogged: entries.reduce(0) { $0 + $1.minutes }, estimatedHours: engagement.participant.engagement.estimatedHours,
                           entries: entries.map(DTO.TimeEntry.init))
    }

    func timeLog(req: Request) async throws -> DTO.TimeLog {
        try await timeLog(try await EngagementRequest.load(req))
    }

    func log(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let body = try req.decodeJSON(DTO.TimeEntryBody.self)
        let input = try TimeEntryInput(day: body.day ?? "", hours: body.hours.map { String($0) } ?? "", note: body.note ?? "", now: req.now)
        let entry = try await ActivityService.log(input, milestoneID: body.milestoneID ?? "", in: engagement.participant, engagement.context)
        return try await timeLog(engagement).created(at: "engagements", engagement.id.uuid, "time-entries", try entry.requireID(), for: req)
    }

    func terminate(req: Request) async throws -> DTO.Engagement {
        let engagement = try await EngagementRequest.load(req)
        let body = try req.decodeJSON(DTO.TerminationBody.self)
        try await EngagementsService.terminate(try TerminationInput(reason: body.reason ?? ""), in: engagement.participant, engagement.context)
        return try await detail(try await engagement.reloaded())
    }
}
