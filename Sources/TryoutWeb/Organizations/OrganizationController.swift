import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// An organization's public page and, for its members, its people, invitations and audit log.
struct OrganizationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":slug")
        org.get(use: show)
        org.get("members", use: members)
        org.post("invitations", use: invite)
        org.post("invitations", ":invitationID", "revoke", use: revokeInvitation)
        org.post("members", ":memberID", "role", use: changeRole)
        org.post("members", ":memberID", "remove", use: removeMember)
        org.get("audit", use: audit)
        org.get("settings", use: settings)
        org.post("settings", use: saveSettings)
    }

    func show(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"), Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: req.db) else {
            throw Abort(.notFound)
        }
        let projects = try await Projects.published(of: try org.requireID(), on: req.db)
        let isMember = try await req.can(.viewOrganization(try org.requireID()))
        return try await req.render(org.name, OrganizationPage(org: org, projects: projects, isMember: isMember))
    }

    func members(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.viewOrganization)
        return try await renderMembers(req, org: org)
    }

    private func renderMembers(_ req: Request, org: OrganizationRecord, status: HTTPStatus = .ok,
                               errors: [FieldError] = [], inviteEmail: String = "") async throws -> Response {
        let orgID = try org.requireID()
        let principal = try await req.requirePrincipal()
        let page = MembersPage(
            csrf: try await req.csrfToken(), org: org,
            members: try await Organizations.members(of: orgID, on: req.db),
            invitations: try await Organizations.pendingInvitations(of: orgID, at: req.now, on: req.db),
            viewer: principal, errors: errors, inviteEmail: inviteEmail)
        return try await req.render("\(org.name): members", status: status, page)
    }

    struct InviteForm: Content {
        var email: String?
        var role: String?
    }

    func invite(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageMembers)
        let form = try req.content.decode(InviteForm.self)
        do {
            let invitation = try await Memberships.invite(req, org: org, email: form.email, role: form.role)
            try await req.flash("Invitation sent to \(invitation.email).")
        } catch let failure as ValidationFailure {
            return try await renderMembers(req, org: org, status: .unprocessableEntity, errors: failure.errors, inviteEmail: form.email ?? "")
        } catch let error as MembershipError {
            try await req.flash(error.description, .error)
        }
        return req.redirect(to: SiteURL.members(org.slug).path)
    }

    func revokeInvitation(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageMembers)
        try await Memberships.revokeInvitation(req, org: org, id: req.parameters.get("invitationID", as: UUID.self))
        try await req.flash("The invitation has been revoked.")
        return req.redirect(to: SiteURL.members(org.slug).path)
    }

    struct RoleForm: Content {
        var role: String?
    }

    func changeRole(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageMembers)
        let form = try req.content.decode(RoleForm.self)
        do {
            let member = try await Memberships.changeRole(req, org: org, memberID: req.parameters.get("memberID", as: UUID.self), role: form.role)
            try await req.flash("\(member.user.displayName) is now \(member.role.label.lowercased()).")
        } catch let error as MembershipError where error != .notAllowed {
            try await req.flash(error.description, .error)
        } catch let failure as ValidationFailure {
            try await req.flash(failure.errors.first?.message ?? "Choose a role.", .error)
        }
        return req.redirect(to: SiteURL.members(org.slug).path)
    }

    func removeMember(req: Request) async throws -> Response {
        // Any member may leave; removing others is checked by the membership rules.
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.viewOrganization)
        let memberID = req.parameters.get("memberID", as: UUID.self)
        do {
            try await Memberships.remove(req, org: org, memberID: memberID)
        } catch let error as MembershipError where error != .notAllowed {
            try await req.flash(error.description, .error)
            return req.redirect(to: SiteURL.members(org.slug).path)
        }
        if try await req.can(.viewOrganization(try org.requireID())) {
            try await req.flash("The member has been removed.")
            return req.redirect(to: SiteURL.members(org.slug).path)
        }
        try await req.flash("You have left \(org.name).")
        return req.redirect(to: SiteURL.home.path)
    }

    func audit(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.readAuditLog)
        let audit = try await OrganizationAudit.load(req, org)
        return try await req.render("\(org.name): audit log", AuditLogPage(title: "\(org.name): audit log", events: audit.events,
                                                                           address: audit.address))
    }

    func settings(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageSettings)
        return try await renderSettings(req, org: org, form: SettingsForm(org.settings))
    }

    struct SettingsForm: Content {
        var description: String?
        var website: String?
        var payFloor: String?
        var payFloorCurrency: String?

        init(_ settings: OrganizationSettings) {
            description = settings.description
            website = settings.website
            payFloor = settings.payFloor?.plainAmount
            payFloorCurrency = settings.payFloor?.currency
        }
    }

    func saveSettings(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageSettings)
        let form = try req.content.decode(SettingsForm.self)
        do {
            let settings = try OrganizationSettings.parse(description: form.description, website: form.website,
                                                          floorAmount: form.payFloor, floorCurrency: form.payFloorCurrency)
            let now = req.now
            let floor = settings.payFloor.map { "pay floor \($0.formatted) an hour" } ?? "platform pay floor"
            try await req.db.transaction { tx in
                try await Organizations.update(org, settings: settings, on: tx)
                try await AuditLog.record(req.auditEntry(.settingsChanged, organizationID: org.id, detail: floor), at: now, on: tx)
            }
            try await req.flash("Settings saved.")
            return req.redirect(to: SiteURL.organizationSettings(org.slug).path)
        } catch let failure as ValidationFailure {
            return try await renderSettings(req, org: org, form: form, status: .unprocessableEntity, errors: failure.errors)
        }
    }

    private func renderSettings(_ req: Request, org: OrganizationRecord, form: SettingsForm, status: HTTPStatus = .ok,
                                errors: [FieldError] = []) async throws -> Response {
        let page = OrganizationSettingsPage(csrf: try await req.csrfToken(), org: org, form: form, errors: errors)
        return try await req.render("\(org.name): settings", status: status, page)
    }
}
