import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A person's private calendar feed: deadlines, check-ins and start and end dates of their
/// engagements, at a secret address they can replace or turn off.
struct CalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Engagements.calendarSettings(), use: settings)
        routes.post(SiteURL.Engagements.calendarSettings(), use: create)
        routes.post(SiteURL.Engagements.calendarSettings(revoke: true), use: revoke)
    }

    func settings(req: Request) async throws -> Response {
        try await render(req, address: nil)
    }

    private func render(_ req: Request, address: String?) async throws -> Response {
        let hasFeed = try await CalendarService.hasFeed(try await req.signedInContext())
        return try await req.render("Calendar", CalendarSettingsPage(hasFeed: hasFeed, address: address, csrf: try await req.csrfToken()))
    }

    func create(req: Request) async throws -> Response {
        let token = try await CalendarService.create(try await req.signedInContext())
        return try await render(req, address: SiteURL.Engagements.calendarFeed(.value(token + ".ics")).absolute(base: req.tryout.publicURL))
    }

    func revoke(req: Request) async throws -> Response {
        try await CalendarService.revoke(try await req.signedInContext())
        try await req.flash("The calendar address no longer works.")
        return req.redirect(to: SiteURL.Engagements.calendarSettings().path)
    }

    /// The feed itself. The secret in the address is the only credential, as calendar apps
    /// cannot sign in; an unknown or revoked one gets a 404.
    static func feed(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file"), file.hasSuffix(".ics"),
              let schedule = try await CalendarService.schedule(token: String(file.dropLast(4)), req.actionContext) else { throw Abort(.notFound) }
        let events = CalendarSchedule.events(engagements: schedule.engagements, milestones: schedule.milestones, checkIns: schedule.checkIns,
                                             base: req.tryout.publicURL)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: ICalendar.document(name: "Tryout", events: events, stamp: req.now)))
    }
}

/// Turns engagements into calendar entries.
enum CalendarSchedule {
    static func events(engagements: [EngagementRecord], milestones: [MilestoneRecord], checkIns: [CheckInRecord], base: String) -> [CalendarEvent] {
        let byID = Dictionary(engagements.compactMap { engagement in engagement.id.map { ($0, engagement) } }, uniquingKeysWith: { first, _ in first })
        var events: [CalendarEvent] = []
        for engagement in engagements {
            guard let uuid = engagement.id else { continue }
            let url = SiteURL.Engagements.engagement(EngagementID(uuid)).absolute(base: base)
            let title = engagement.project.title
            events.append(CalendarEvent(uid: "start-\(uuid)@tryout", summary: "Starts: \(title)", start: engagement.startDate, allDay: true, url: url))
            events.append(CalendarEvent(uid: "end-\(uuid)@tryout", summary: "Ends: \(title)", start: engagement.endDate, allDay: true, url: url))
        }
        for milestone in milestones where milestone.state != .accepted {
            guard let uuid = milestone.id, let engagement = byID[milestone.$engagement.id] else { continue }
            let place = SiteURL.Engagements.engagement(EngagementID(milestone.$engagement.id), .milestone(.value(MilestoneID(uuid))))
            events.append(CalendarEvent(uid: "due-\(uuid)@tryout", summary: "Due: \(milestone.title) (\(engagement.project.title))",
                                        description: milestone.description, start: milestone.dueAt, allDay: true, url: place.absolute(base: base)))
        }
        for checkIn in checkIns {
            guard let uuid = checkIn.id, let engagement = byID[checkIn.$engagement.id] else { continue }
            events.append(CalendarEvent(uid: "check-in-\(uuid)@tryout", summary: "Check-in: \(engagement.project.title)",
                                        description: checkIn.agenda, start: checkIn.startsAt,
                                        end: checkIn.startsAt.addingTimeInterval(Double(checkIn.minutes) * 60),
                                        url: SiteURL.Engagements.engagement(EngagementID(checkIn.$engagement.id), .checkIns).absolute(base: base)))
        }
        return events
    }
}
