import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// A candidate's side of applying: the apply form's target, their applications and offers, and
/// their notifications.
struct ApplicationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("projects", ":projectID", "apply", use: apply)
        routes.get("applications", use: list)
        routes.get("applications", ":applicationID", use: show)
        for (action, target) in [("accept", ApplicationState.accepted), ("decline", .declined), ("withdraw", .withdrawn)] {
            routes.post("applications", ":applicationID", .constant(action)) { try await respond($0, to: target) }
        }
        routes.get("notifications", use: notifications)
        routes.post("notifications", "read", use: markRead)
    }

    func apply(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.viewableProject(req)
        let questions = try await ProjectBriefs.brief(of: project, on: req.db).screeningQuestions
        let input = ApplicationInput(form: try req.content.decode([String: String].self), questionCount: questions.count)
        do {
            let application = try await Applying.apply(req, to: project, input)
            try await req.flash("Application sent. You will hear here and by e-mail as it moves.")
            return req.redirect(to: SiteURL.application(try application.requireID()).path)
        } catch let failure as ValidationFailure {
            return try await HomeController().renderProject(req, project: project, input: input, errors: failure.errors)
        }
    }

    func list(req: Request) async throws -> Response {
        let applications = try await Applications.mine(userID: try req.requireUser().requireID(), on: req.db)
        return try await req.render("Your applications", MyApplicationsPage(applications: applications, now: req.now))
    }

    func show(req: Request) async throws -> Response {
        let application = try await Applying.ownApplication(req)
        let engagement = try await Engagements.forApplication(try application.requireID(), on: req.db)
        return try await req.render(application.project.title, MyApplicationPage(application: application, now: req.now,
                                                                                 csrf: try await req.csrfToken(), engagementID: engagement?.id))
    }

    func respond(_ req: Request, to target: ApplicationState) async throws -> Response {
        let application = try await Applying.ownApplication(req)
        let id = try application.requireID()
        do {
            let changes = try await Applying.respond(req, application, to: target)
            let landed = changes.first?.application.state ?? target
            try await req.flash(landed == target ? "Done: \(target.label.lowercased())." : ApplicationTransitionError.noSlotLeft.description,
                                landed == target ? .success : .error)
        } catch let abort as Abort where abort.status == .conflict {
            try await req.flash(abort.reason, .error)
        }
        return req.redirect(to: SiteURL.application(id).path)
    }

    func notifications(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        let items = try await Notifications.recent(userID: userID, on: req.db)
        return try await req.render("Notifications", NotificationsPage(items: items, csrf: try await req.csrfToken()))
    }

    func markRead(req: Request) async throws -> Response {
        try await Notifications.markAllRead(userID: try req.requireUser().requireID(), at: req.now, on: req.db)
        return req.redirect(to: SiteURL.notifications.path)
    }
}
