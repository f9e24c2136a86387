import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The list of a person's engagements, each engagement's overview, its onboarding checklist,
/// its team, and ending it early.
struct EngagementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("engagements", use: list)
        let engagement = routes.grouped("engagements", ":engagementID")
        engagement.get(use: show)
        engagement.post("checklist", ":itemID", "done", use: tick)
        engagement.post("team", use: addToTeam)
        engagement.post("team", ":userID", "remove", use: removeFromTeam)
        engagement.post("terminate", use: terminate)
    }

    func list(req: Request) async throws -> Response {
        let engagements = try await Self.visible(req)
        let unread = try await EngagementActivity.unread(userID: try req.requireUser().requireID(), engagementIDs: engagements.compactMap(\.id), on: req.db)
        return try await req.render("Engagements", EngagementsPage(engagements: engagements, unread: unread))
    }

    /// The engagements the person may open, for the list and the API.
    static func visible(_ req: Request) async throws -> [EngagementRecord] {
        let principal = try await req.requirePrincipal()
        let managed = principal.memberships.keys.filter { Policy.allows(principal, .authorProjects($0)) }
        return try await Engagements.forUser(principal.userID, managing: Array(managed), on: req.db)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, try await EngagementContext.load(req))
    }

    func render(_ req: Request, _ context: EngagementContext, errors: [FieldError] = []) async throws -> Response {
        let snapshot = try await EngagementSnapshot.load(req, context)
        let members = context.may(.manageTeam) ? try await Organizations.members(of: context.engagement.$organization.id, on: req.db) : []
        return try await req.render(context.engagement.project.title, status: errors.isEmpty ? .ok : .unprocessableEntity,
                                    EngagementPage(snapshot: snapshot, members: members, csrf: try await req.csrfToken(), now: req.now, errors: errors))
    }

    func tick(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let itemID = req.parameters.get("itemID", as: UUID.self) else { throw Abort(.notFound) }
        return try await Self.redirecting(req, to: .engagement(context.id)) {
            try await EngagementWork.tick(req, context, itemID: itemID)
            return "Ticked off."
        }
    }

    func addToTeam(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        let userID = try? req.content.get(UUID.self, at: "userID")
        do {
            try await EngagementTeam.add(req, context, userID: userID)
        } catch let failure as ValidationFailure {
            return try await render(req, context, errors: failure.errors)
        }
        try await req.flash("Added to the team.")
        return req.redirect(to: SiteURL.engagement(context.id).path)
    }

    func removeFromTeam(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        guard let userID = req.parameters.get("userID", as: UUID.self) else { throw Abort(.notFound) }
        try await EngagementTeam.remove(req, context, userID: userID)
        try await req.flash("Removed from the team.")
        return req.redirect(to: SiteURL.engagement(context.id).path)
    }

    func terminate(req: Request) async throws -> Response {
        let context = try await EngagementContext.load(req)
        do {
            return try await Self.redirecting(req, to: .engagement(context.id)) {
                try await EngagementWork.terminate(req, context, try TerminationInput(reason: (try? req.content.get(String.self, at: "reason")) ?? ""))
                return "The engagement has ended."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, context, errors: failure.errors)
        }
    }

    /// Runs a move and goes back to `url` with its message, or with the reason it was refused.
    static func redirecting(_ req: Request, to url: SiteURL, _ move: () async throws -> String) async throws -> Response {
        do {
            try await req.flash(try await move())
        } catch let abort as Abort where abort.status == .conflict {
            try await req.flash(abort.reason, .error)
        }
        return req.redirect(to: url.path)
    }
}

/// Assigning the employer's members to an engagement.
enum EngagementTeam {
    static func add(_ req: Request, _ context: EngagementContext, userID: UUID?) async throws {
        try context.require(.manageTeam)
        let members = try await Organizations.members(of: context.engagement.$organization.id, on: req.db)
        guard let userID, let member = members.first(where: { $0.$user.id == userID }) else {
            throw ValidationFailure([FieldError("userID", "Choose a member of \(context.engagement.organization.name).")])
        }
        try await EngagementWork.locked(req, context) { tx in
            guard try await Engagements.addToTeam(userID, engagementID: context.id, at: req.now, on: tx) else { return }
            try await EngagementEvents.record(req, context, .teamChanged, "\(member.user.displayName) joined the team.",
                                              link: .engagement(context.id), on: tx)
        }
    }

    static func remove(_ req: Request, _ context: EngagementContext, userID: UUID) async throws {
        try context.require(.manageTeam)
        try await EngagementWork.locked(req, context) { tx in
            try await Engagements.removeFromTeam(userID, engagementID: context.id, on: tx)
            try await AuditLog.record(req.auditEntry(.teamChanged, organizationID: context.engagement.$organization.id,
                                                     detail: "\(context.engagement.project.title): removed a team member"), at: req.now, on: tx)
        }
    }
}
