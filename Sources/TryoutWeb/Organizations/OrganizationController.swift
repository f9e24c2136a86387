import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// An organization's public page and, for its members, its people, invitations, audit log and
/// settings: each handler reads the form, asks `OrganizationsService` and renders or redirects.
struct OrganizationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Organizations.organization(.key), use: show)
        routes.get(SiteURL.Organizations.organization(.key, .members), use: members)
        routes.post(SiteURL.Organizations.organization(.key, .invitations), use: invite)
        routes.post(SiteURL.Organizations.organization(.key, .revokeInvitation(.key)), use: revokeInvitation)
        routes.post(SiteURL.Organizations.organization(.key, .memberRole(.key)), use: changeRole)
        routes.get(SiteURL.Organizations.organization(.key, .removeMember(.key)), use: confirmRemoval)
        routes.post(SiteURL.Organizations.organization(.key, .removeMember(.key)), use: removeMember)
        routes.get(SiteURL.Organizations.organization(.key, .auditLog), use: audit)
        routes.get(SiteURL.Organizations.organization(.key, .settings), use: settings)
        routes.post(SiteURL.Organizations.organization(.key, .settings), use: saveSettings)
    }

    /// The organization at `:slug` if the person asking may take `action` on it, with the context to act in.
    private func organization(_ req: Request, _ action: (UUID) -> Action) async throws -> (OrganizationRecord, OrganizationView, ActionContext) {
        let ctx = try await req.visitorContext()
        let org = try await OrganizationsService.organization(slug: req.parameters.get("slug"), for: action, ctx)
        return (org, try OrganizationView(org), ctx)
    }

    func show(req: Request) async throws -> Response {
        let profile = try await OrganizationsService.profile(slug: req.parameters.get("slug"), try await req.visitorContext())
        let page = OrganizationPage(org: try OrganizationView(profile.organization),
                                    projects: ProjectCards(projects: profile.openProjects, showOrganization: false), isMember: profile.viewerIsMember,
                                    rating: profile.rating.map { RatingText.sentence((.organization, $0)) })
        return try await req.render(profile.organization.name, page)
    }

    func members(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req, Action.viewOrganization)
        return try await renderMembers(req, org, view, ctx)
    }

    private func renderMembers(_ req: Request, _ org: OrganizationRecord, _ view: OrganizationView, _ ctx: ActionContext,
                               status: HTTPStatus = .ok, errors: [FieldError] = [], inviteEmail: String = "") async throws -> Response {
        let page = MembersPage(
            csrf: try await req.csrfToken(), org: view,
            members: try await OrganizationsService.members(of: org, ctx).map(MembersPage.Member.init),
            invitations: try await InvitationFlow<MemberInvitation>.pending(in: org, ctx).map { try .init($0, of: view) },
            viewer: try await req.requirePrincipal(), errors: errors, inviteEmail: inviteEmail)
        return try await req.render("\(org.name): members", status: status, page)
    }

    struct InviteForm: Content {
        var email: String?
        var role: String?
    }

    func invite(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req, Action.manageMembers)
        let form = try req.content.decode(InviteForm.self)
        do {
            let invitation = try await OrganizationsService.invite(email: form.email, role: form.role, to: org, links: req.invitationLinks, ctx)
            try await req.flash("Invitation sent to \(invitation.email).")
        } catch let failure as ValidationFailure {
            return try await renderMembers(req, org, view, ctx, status: .unprocessableEntity, errors: failure.errors, inviteEmail: form.email ?? "")
        } catch let error as MembershipError {
            try await req.flash(error.description, .error)
        }
        return req.redirect(to: view.url(.members))
    }

    func revokeInvitation(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req, Action.manageMembers)
        _ = try await InvitationFlow<MemberInvitation>.revoke(req.parameters.get("invitationID", as: InvitationID.self), in: org, ctx)
        try await req.flash("The invitation has been revoked.")
        return req.redirect(to: view.url(.members))
    }

    struct RoleForm: Content {
        var role: String?
    }

    func changeRole(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req, Action.manageMembers)
        let form = try req.content.decode(RoleForm.self)
        do {
            let member = try await OrganizationsService.changeRole(of: req.parameters.get("memberID", as: MemberID.self), to: form.role, in: org, ctx)
            try await req.flash("\(member.user.displayName) is now \(member.role.label.lowercased()).")
        } catch let error as MembershipError where error != .notAllowed {
            try await req.flash(error.description, .error)
        } catch let failure as ValidationFailure {
            try await req.flash(failure.errors.first?.message ?? "Choose a role.", .error)
        }
        return req.redirect(to: view.url(.members))
    }

    /// Asks before someone leaves or is removed; only the person themself and those who manage
    /// the members get the page, and only when the membership rules allow it.
    func confirmRemoval(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req, Action.viewOrganization)
        let (member, leaving) = try await OrganizationsService.removal(of: req.parameters.get("memberID", as: MemberID.self), from: org, ctx)
        let who = "\(member.user.displayName) (\(member.user.email))"
        let page = leaving
            ? ConfirmationPage(question: "Leave \(org.name)?",
                               consequences: "You lose access to its projects, applicants, engagements and reviews at once, and leave the teams "
                                   + "of its engagements. Only its owners or admins can invite you back.",
                               action: req.url.path, confirm: "Leave \(org.name)", backLabel: "Stay", back: view.url(.members),
                               csrf: try await req.csrfToken())
            : ConfirmationPage(question: "Remove \(who) from \(org.name)?",
                               consequences: "They lose access to its projects, applicants, engagements and reviews at once, and leave the teams "
                                   + "of its engagements. You can invite them again.",
                               action: req.url.path, confirm: "Remove \(member.user.displayName)", backLabel: "Keep them", back: view.url(.members),
                               csrf: try await req.csrfToken())
        return try await req.render(page.question, page)
    }

    func removeMember(req: Request) async throws -> Response {
        // Any member may leave; removing others is checked by the membership rules.
        let (org, view, ctx) = try await organization(req, Action.viewOrganization)
        do {
            try await OrganizationsService.remove(req.parameters.get("memberID", as: MemberID.self), from: org, ctx)
        } catch let error as MembershipError where error != .notAllowed {
            try await req.flash(error.description, .error)
            return req.redirect(to: view.url(.members))
        }
        // The person's roles changed: ask afresh whether they are still a member.
        req.authState.principal = nil
        if try await req.can(.viewOrganization(view.id.uuid)) {
            try await req.flash("The member has been removed.")
            return req.redirect(to: view.url(.members))
        }
        try await req.flash("You have left \(org.name).")
        return req.redirect(to: SiteURL.site(.home).path)
    }

    func audit(req: Request) async throws -> Response {
        let (org, _, ctx) = try await organization(req, Action.readAuditLog)
        let log = try await OrganizationsService.auditLog(of: org, ctx)
        let title = "\(org.name): audit log"
        return try await req.render(title, AuditLogPage(title: title, entries: AuditLogPage.Entry.entries(log)))
    }

    func settings(req: Request) async throws -> Response {
        let (org, view, _) = try await organization(req, Action.manageSettings)
        return try await renderSettings(req, view, form: SettingsForm(org.settings))
    }

    struct SettingsForm: Content {
        var description: String?
        var website: String?
        var payFloor: String?
        var payFloorCurrency: String?
        /// A checkbox: present when ticked.
        var showReviewerScores: String?
        var showcaseWork: String?

        init(_ settings: OrganizationSettings) {
            description = settings.description
            website = settings.website
            payFloor = settings.payFloor?.plainAmount
            payFloorCurrency = settings.payFloor?.currency
            showReviewerScores = settings.showReviewerScores ? "on" : nil
            showcaseWork = settings.showcaseWork ? "on" : nil
        }
    }

    func saveSettings(req: Request) async throws -> Response {
        let (org, view, ctx) = try await organization(req, Action.manageSettings)
        let form = try req.content.decode(SettingsForm.self)
        do {
            let settings = try OrganizationSettings.parse(description: form.description, website: form.website,
                                                          floorAmount: form.payFloor, floorCurrency: form.payFloorCurrency,
                                                          showReviewerScores: form.showReviewerScores != nil,
                                                          showcaseWork: form.showcaseWork != nil)
            try await OrganizationsService.saveSettings(settings, of: org, ctx)
            try await req.flash("Settings saved.")
            return req.redirect(to: view.url(.settings))
        } catch let failure as ValidationFailure {
            return try await renderSettings(req, view, form: form, status: .unprocessableEntity, errors: failure.errors)
        }
    }

    private func renderSettings(_ req: Request, _ org: OrganizationView, form: SettingsForm, status: HTTPStatus = .ok,
                                errors: [FieldError] = []) async throws -> Response {
        let page = OrganizationSettingsPage(csrf: try await req.csrfToken(), org: org, form: form, errors: errors)
        return try await req.render("\(org.name): settings", status: status, page)
    }
}
