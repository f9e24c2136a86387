import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A candidate's side of applying: the apply form's target, their applications and offers, and
/// their notifications.
struct ApplicationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.Applications.project(.key, .apply), use: apply)
        routes.get(SiteURL.Applications.mine, use: list)
        routes.get(SiteURL.Applications.application(.key), use: show)
        for answer in CandidateAnswer.allCases {
            routes.post(SiteURL.Applications.application(.key, answer)) { try await respond($0, answer) }
        }
        routes.get(SiteURL.Applications.notifications, use: notifications)
        routes.post(SiteURL.Applications.markNotificationsRead, use: markRead)
        routes.get(SiteURL.Applications.notification(.key), use: open)
    }

    func apply(req: Request) async throws -> Response {
        let visitor = try await req.visitorContext()
        let project = try await MarketplaceService.viewableProject(try req.projectID(), visitor)
        let input = ApplicationInput(form: try req.content.decode([String: String].self),
                                     questionCount: try await ApplicationsService.questionCount(of: project, visitor))
        do {
            let application = try await ApplicationsService.apply(input, to: try req.projectID(), try await req.signedInContext())
            try await req.flash("Application sent. You will hear here and by e-mail as it moves.")
            return req.redirect(to: SiteURL.applications(.application(try application.requireID())).path)
        } catch let failure as ValidationFailure {
            return try await req.renderProjectPage(project, input: input, errors: failure.errors)
        }
    }

    func list(req: Request) async throws -> Response {
        let applications = try await ApplicationsService.summaries(try await req.signedInContext())
        return try await req.render("Your applications", MyApplicationsPage(applications: applications.map(MyApplicationRow.init), now: req.now))
    }

    func show(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let application = try await ApplicationsService.own(try req.applicationID(), ctx)
        let engagement = try await ApplicationsService.engagement(of: application, ctx)
        return try await req.render(application.project.title,
                                    MyApplicationPage(application: MyApplicationDetail(application, engagementID: engagement),
                                                      now: req.now, csrf: try await req.csrfToken()))
    }

    func respond(_ req: Request, _ answer: CandidateAnswer) async throws -> Response {
        let id = try req.applicationID()
        do {
            let changes = try await ApplicationsService.respond(answer, on: id, try await req.signedInContext())
            let landed = changes.first?.application.state ?? answer.target
            try await req.flash(landed == answer.target ? "Done: \(answer.target.label.lowercased())." : ApplicationTransitionError.noSlotLeft.description,
                                landed == answer.target ? .success : .error)
        } catch ActionError.conflict(let reason) {
            try await req.flash(reason, .error)
        }
        return req.redirect(to: SiteURL.applications(.application(.value(id))).path)
    }

    func notifications(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let items = try await ApplicationsService.notifications(ctx)
        return try await req.render("Notifications", NotificationsPage(items: items.map(NotificationItem.init), zone: try await ApplicationsService.readerZone(ctx),
                                                                       csrf: try await req.csrfToken()))
    }

    /// Following a notification marks it read on the way to what it is about. Its address was
    /// written by Tryout, but only a path on this site is followed, never another site.
    func open(req: Request) async throws -> Response {
        guard let id = req.parameters.get("notificationID", as: NotificationID.self) else { throw ActionError.notFound }
        let link = try await ApplicationsService.openNotification(id, try await req.signedInContext())
        let local = link.hasPrefix("/") && !link.hasPrefix("//") && !link.hasPrefix("/\\")
        return req.redirect(to: local ? link : SiteURL.applications(.notifications).path)
    }

    func markRead(req: Request) async throws -> Response {
        try await ApplicationsService.markNotificationsRead(try await req.signedInContext())
        return req.redirect(to: SiteURL.applications(.notifications).path)
    }
}

extension Request {
    /// The application the address names; an address that names none finds nothing.
    func applicationID() throws -> ApplicationID {
        guard let id = parameters.get("applicationID", as: ApplicationID.self) else { throw ActionError.notFound }
        return id
    }
}
