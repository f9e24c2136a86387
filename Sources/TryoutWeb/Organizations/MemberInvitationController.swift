import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The page an invitation e-mail links to, and accepting it.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("invitations", ":token", use: show)
        routes.post("invitations", ":token", "accept", use: accept)
    }

    private func pendingInvitation(_ req: Request) async throws -> (InvitationRecord, String) {
        let token = req.parameters.get("token") ?? ""
        guard let invitation = try await Organizations.invitation(token: token, on: req.db), invitation.isPending(at: req.now) else {
            throw Abort(.notFound, reason: "This invitation has expired, was revoked or was already used. Ask for a new one.")
        }
        return (invitation, token)
    }

    func show(req: Request) async throws -> Response {
        let (invitation, token) = try await pendingInvitation(req)
        let page = InvitationPage(csrf: try await req.csrfToken(), organizationName: invitation.organization.name,
                                  joiningAs: invitation.role.label.lowercased(), email: invitation.email,
                                  link: SiteURL.invitation(token: token).path, accept: SiteURL.acceptInvitation(token: token).path,
                                  signedInEmail: req.user?.email)
        return try await req.render("Join \(invitation.organization.name)", page)
    }

    func accept(req: Request) async throws -> Response {
        let (invitation, _) = try await pendingInvitation(req)
        let user = try req.requireInvitee(invitation.email)
        let org = invitation.organization
        let now = req.now
        try await req.db.transaction { tx in
            try await Organizations.addMember(orgID: try org.requireID(), userID: try user.requireID(), role: invitation.role, at: now, on: tx)
            invitation.acceptedAt = now
            try await invitation.save(on: tx)
            try await AuditLog.record(req.auditEntry(.memberJoined, organizationID: org.id, detail: invitation.role.label), at: now, on: tx)
        }
        try await req.flash("Welcome to \(org.name).")
        return req.redirect(to: SiteURL.members(org.slug).path)
    }
}

/// Platform administration: organizations and the platform-wide audit log.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get("organizations", use: organizations)
        admin.post("organizations", ":organizationID", "status", use: setStatus)
        admin.get("audit", use: audit)
    }

    func organizations(req: Request) async throws -> Response {
        try await req.authorize(.moderatePlatform)
        let page = AdminOrganizationsPage(csrf: try await req.csrfToken(), organizations: try await Organizations.all(on: req.db))
        return try await req.render("Organizations", page)
    }

    struct StatusForm: Content {
        var status: String?
    }

    func setStatus(req: Request) async throws -> Response {
        let form = try req.content.decode(StatusForm.self)
        let org = try await Memberships.setStatus(req, organizationID: req.parameters.get("organizationID", as: UUID.self), status: form.status)
        try await req.flash("\(org.name) is now \(org.status.rawValue).")
        return req.redirect(to: SiteURL.adminOrganizations.path)
    }

    func audit(req: Request) async throws -> Response {
        try await req.authorize(.moderatePlatform)
        return try await req.render("Audit log", AuditLogPage(title: "Platform audit log", events: try await AuditLog.recent(on: req.db),
                                                                 address: \.ip))
    }
}
