import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// A partner organization's students: staff invite them by e-mail and remove them; students join
/// by the link and may leave. Students see the projects employers share with the partner.
struct StudentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":slug", "students")
        org.get(use: list)
        org.post("invitations", use: invite)
        org.post("invitations", ":invitationID", "revoke", use: revoke)
        org.post(":studentID", "remove", use: remove)
        routes.get("students", "join", ":token", use: showInvitation)
        routes.post("students", "join", ":token", "accept", use: accept)
        routes.post("settings", "schools", ":studentID", "leave", use: leave)
    }

    /// The partner at `:slug`, if the signed-in person is on its staff.
    private func partner(_ req: Request) async throws -> OrganizationRecord {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageStudents)
        guard org.kind == .partner else { throw Abort(.notFound) }
        return org
    }

    func list(req: Request) async throws -> Response {
        try await render(req, org: try await partner(req))
    }

    private func render(_ req: Request, org: OrganizationRecord, status: HTTPStatus = .ok, errors: [FieldError] = [],
                        emails: String = "") async throws -> Response {
        let orgID = try org.requireID()
        let page = StudentsPage(csrf: try await req.csrfToken(), org: org,
                                students: try await PartnerStudents.students(of: orgID, on: req.db),
                                invitations: try await PartnerStudents.pendingInvitations(of: orgID, at: req.now, on: req.db),
                                errors: errors, emails: emails)
        return try await req.render("\(org.name): students", status: status, page)
    }

    struct InviteForm: Content {
        var emails: String?
    }

    func invite(req: Request) async throws -> Response {
        let org = try await partner(req)
        let text = try req.content.decode(InviteForm.self).emails ?? ""
        let addresses: [EmailAddress]
        do {
            addresses = try EmailAddress.invitationList(text, field: "emails")
        } catch {
            return try await render(req, org: org, status: .unprocessableEntity, errors: error.errors, emails: text)
        }
        let user = try req.requireUser()
        let now = req.now
        let base = req.tryout.publicURL
        try await req.db.transaction { tx in
            for (invitation, token) in try await PartnerStudents.invite(addresses, to: try org.requireID(), invitedBy: try user.requireID(),
                                                                         at: now, on: tx) {
                try await req.mailer.send(to: invitation.email, subject: "Join \(org.name) on Tryout", body: """
                    \(user.displayName) invited you to join \(org.name) on Tryout as a student, to see the paid projects employers share with it.

                    Accept within 7 days: \(SiteURL.studentInvitation(token: token.value).absolute(base: base))
                    """, at: now, on: tx)
            }
            let detail = addresses.count == 1 ? addresses[0].value : "\(addresses.count) addresses"
            try await AuditLog.record(req.auditEntry(.studentsInvited, organizationID: org.id, detail: detail), at: now, on: tx)
        }
        try await req.flash(addresses.count == 1 ? "Invitation sent to \(addresses[0].value)." : "\(addresses.count) invitations sent.")
        return req.redirect(to: SiteURL.students(org.slug).path)
    }

    func revoke(req: Request) async throws -> Response {
        let org = try await partner(req)
        let orgID = try org.requireID()
        guard let id = req.parameters.get("invitationID", as: UUID.self),
              let invitation = try await PartnerStudents.invitation(id: id, in: orgID, on: req.db), invitation.isPending(at: req.now)
        else { throw Abort(.notFound) }
        let now = req.now
        try await req.db.transaction { tx in
            invitation.revokedAt = now
            try await invitation.save(on: tx)
            try await AuditLog.record(req.auditEntry(.studentInvitationRevoked, organizationID: orgID, detail: invitation.email), at: now, on: tx)
        }
        try await req.flash("Invitation for \(invitation.email) revoked.")
        return req.redirect(to: SiteURL.students(org.slug).path)
    }

    func remove(req: Request) async throws -> Response {
        let org = try await partner(req)
        let orgID = try org.requireID()
        guard let id = req.parameters.get("studentID", as: UUID.self), let student = try await PartnerStudents.student(id: id, in: orgID, on: req.db) else {
            throw Abort(.notFound)
        }
        try await end(req, student, organizationID: orgID, detail: student.user.email)
        try await req.flash("\(student.user.email) is no longer a student of \(org.name).")
        return req.redirect(to: SiteURL.students(org.slug).path)
    }

    /// A student leaving a school, from their settings.
    func leave(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("studentID", as: UUID.self),
              let student = try await PartnerStudents.schools(of: try user.requireID(), on: req.db).first(where: { $0.id == id })
        else { throw Abort(.notFound) }
        try await end(req, student, organizationID: student.$organization.id, detail: "\(user.email) left")
        try await req.flash("You left \(student.organization.name).")
        return req.redirect(to: SiteURL.settings.path)
    }

    private func end(_ req: Request, _ student: PartnerStudentRecord, organizationID: UUID, detail: String) async throws {
        let now = req.now
        try await req.db.transaction { tx in
            try await student.delete(on: tx)
            try await AuditLog.record(req.auditEntry(.studentRemoved, organizationID: organizationID, detail: detail), at: now, on: tx)
        }
    }

    private func pendingInvitation(_ req: Request) async throws -> (StudentInvitationRecord, String) {
        let token = req.parameters.get("token") ?? ""
        guard let invitation = try await PartnerStudents.invitation(token: token, on: req.db), invitation.isPending(at: req.now) else {
            throw Abort(.notFound, reason: "This invitation has expired, was revoked or was already used. Ask your school for a new one.")
        }
        return (invitation, token)
    }

    func showInvitation(req: Request) async throws -> Response {
        let (invitation, token) = try await pendingInvitation(req)
        let page = InvitationPage(csrf: try await req.csrfToken(), organizationName: invitation.organization.name, joiningAs: "a student",
                                  email: invitation.email, link: SiteURL.studentInvitation(token: token).path,
                                  accept: SiteURL.acceptStudentInvitation(token: token).path, signedInEmail: req.user?.email)
        return try await req.render("Join \(invitation.organization.name)", page)
    }

    func accept(req: Request) async throws -> Response {
        let (invitation, _) = try await pendingInvitation(req)
        let user = try req.requireInvitee(invitation.email)
        let org = invitation.organization
        let now = req.now
        try await req.db.transaction { tx in
            try await PartnerStudents.accept(invitation, userID: try user.requireID(), at: now, on: tx)
            try await AuditLog.record(req.auditEntry(.studentJoined, organizationID: org.id, detail: user.email), at: now, on: tx)
        }
        try await req.flash("You are now a student of \(org.name): the projects it shares show in Find a project.")
        return req.redirect(to: SiteURL.marketplace.path)
    }
}
