import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A project's review settings and reviewers, for the people who author it.
struct ReviewSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Reviews.settings(.key), use: show)
        routes.post(SiteURL.Reviews.settings(.key), use: save)
    }

    func show(req: Request) async throws -> Response {
        let id = try req.projectID()
        let current = try await ReviewsService.settings(of: id, try await req.signedInContext())
        let reviewers = try current.reviewers.map { UserID(try $0.requireID()) }
        return try await render(req, id, current, form: ReviewSettingsForm(current.project.reviews, reviewers: reviewers))
    }

    struct Form: Content {
        var panelSize: String?
        var rotation: String?
        var managerScores: String?
        var blind: String?
        var autoAcceptDays: String?
        var reviewers: [String]?
    }

    func save(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let id = try req.projectID()
        let sent = try req.content.decode(Form.self)
        let form = ReviewSettingsForm(panelSize: sent.panelSize ?? "", rotation: sent.rotation ?? "", managerScores: sent.managerScores != nil,
                                      blind: sent.blind != nil, autoAcceptDays: sent.autoAcceptDays ?? "",
                                      reviewers: (sent.reviewers ?? []).compactMap { UUID(uuidString: $0).map(UserID.init) })
        do {
            let settings = try ReviewSettings(panelSize: form.panelSize, rotation: form.rotation, managerScores: form.managerScores,
                                              blind: form.blind, autoAcceptDays: form.autoAcceptDays)
            try await ReviewsService.updateSettings(settings, reviewers: form.reviewers, of: id, ctx)
        } catch let failure as ValidationFailure {
            return try await render(req, id, try await ReviewsService.settings(of: id, ctx), form: form, errors: failure.errors)
        }
        try await req.flash("Review settings saved. Versions handed in from now on are reviewed this way.")
        return req.redirect(to: SiteURL.reviews(.settings(.value(id))).path)
    }

    private func render(_ req: Request, _ id: ProjectID, _ current: (project: ProjectRecord, reviewers: [UserRecord], members: [MemberRecord]),
                        form: ReviewSettingsForm, errors: [FieldError] = []) async throws -> Response {
        // The project's reviewers first, in their order, then everyone else in member order.
        let members = current.members.map { ReviewSettingsPage.Member(id: UserID($0.$user.id), name: $0.user.displayName, role: $0.role.label) }
        let ordered = current.reviewers.compactMap { reviewer in members.first { $0.id.uuid == reviewer.id } }
            + members.filter { member in !current.reviewers.contains { $0.id == member.id.uuid } }
        return try await req.render("Review settings", status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    ReviewSettingsPage(projectID: id, projectTitle: current.project.title, members: ordered, form: form,
                                                       csrf: try await req.csrfToken(), errors: errors))
    }
}
