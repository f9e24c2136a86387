import Foundation
import Plot
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The list of a person's engagements, each engagement's overview, its onboarding checklist,
/// its team, and ending it early.
struct EngagementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Engagements.list, use: list)
        routes.get(SiteURL.Engagements.engagement(.key), use: show)
        routes.post(SiteURL.Engagements.engagement(.key, .tick(.key)), use: tick)
        routes.post(SiteURL.Engagements.engagement(.key, .team), use: addToTeam)
        routes.post(SiteURL.Engagements.engagement(.key, .removeFromTeam(.key)), use: removeFromTeam)
        routes.grouped(IdempotencyMiddleware(required: false)).post(SiteURL.Engagements.engagement(.key, .terminate), use: terminate)
    }

    func list(req: Request) async throws -> Response {
        let rows = try await EngagementsService.list(try await req.signedInContext()).map {
            EngagementListRow(engagement: try EngagementView($0.engagement), unread: $0.unread)
        }
        return try await req.render("Engagements", EngagementsPage(rows: rows))
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    /// After a refused form, the sections are written afresh, with the person's errors in them.
    private func render(_ req: Request, errors: [FieldError] = []) async throws -> Response {
        let (overview, members, version) = try await req.engagementOverview()
        let csrf = try await req.csrfToken()
        let sections: Component = errors.isEmpty
            ? Node<HTML.BodyContext>.raw(req.overviewSections(overview, members: members, version: version, csrf: csrf))
            : EngagementSections(snapshot: overview, members: members, csrf: csrf, now: req.now, errors: errors,
                                 hoursLogged: TimeText.hours(overview.minutesLogged))
        return try await req.render(overview.engagement.title, status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    EngagementPage(snapshot: overview, errors: errors, sections: sections))
    }

    func tick(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let itemID: ChecklistItemID = try engagement.parameter("itemID", of: req)
        return try await req.redirecting(to: .engagement(engagement.id)) {
            try await EngagementsService.tick(itemID, in: engagement.participant, engagement.context)
            return "Ticked off."
        }
    }

    func addToTeam(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let userID = (try? req.content.get(UUID.self, at: "userID")).map(UserID.init)
        do {
            try await EngagementsService.addToTeam(userID, in: engagement.participant, engagement.context)
        } catch let failure as ValidationFailure {
            return try await render(req, errors: failure.errors)
        }
        try await req.flash("Added to the team.")
        return req.redirect(to: SiteURL.Engagements.engagement(engagement.id).path)
    }

    func removeFromTeam(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let userID: UserID = try engagement.parameter("userID", of: req)
        try await EngagementsService.removeFromTeam(userID, in: engagement.participant, engagement.context)
        try await req.flash("Removed from the team.")
        return req.redirect(to: SiteURL.Engagements.engagement(engagement.id).path)
    }

    /// Ending early cannot be undone: a valid reason first gets a page of its own that asks, and
    /// only its button (`confirmed`) ends the engagement.
    func terminate(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        let reason = (try? req.content.get(String.self, at: "reason")) ?? ""
        do {
            let input = try TerminationInput(reason: reason)
            guard (try? req.content.get(String.self, at: "confirmed")) == "yes" else {
                try EngagementsService.checkTermination(in: engagement.participant)
                let project = engagement.participant.engagement.project.title
                return try await req.render("End the engagement on “\(project)”?", ConfirmationPage(
                    question: "End the engagement on “\(project)” now?",
                    consequences: "Nothing more can be handed in or reviewed, and nothing more is earned; pay for work already accepted stays "
                        + "owed. The other side is told, with your reason: “\(input.reason)”. It cannot be undone.",
                    action: req.url.path, confirm: "End the engagement", backLabel: "Keep working",
                    back: SiteURL.Engagements.engagement(engagement.id).path, csrf: try await req.csrfToken(),
                    carried: [("reason", reason), ("confirmed", "yes")], idempotent: true))
            }
            return try await req.redirecting(to: .engagement(engagement.id)) {
                try await EngagementsService.terminate(input, in: engagement.participant, engagement.context)
                return "The engagement has ended."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, errors: failure.errors)
        }
    }
}
