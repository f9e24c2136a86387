import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// A partner organization's students: staff invite them by e-mail and remove them; students join
/// by the link and may leave. Each handler reads the form, asks `StudentsService` or the shared
/// `InvitationFlow`, and renders or redirects.
struct StudentsController: RouteCollection {
    private let invitationPages = InvitationLinkPages<StudentInvitation>(page: { SiteURL.students(.invitation(.value($0))).path },
                                                                         accept: { SiteURL.students(.acceptInvitation(.value($0))).path })

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Students.list(.key), use: list)
        routes.post(SiteURL.Students.invitations(.key), use: invite)
        routes.post(SiteURL.Students.revokeInvitation(.key, .key), use: revoke)
        routes.get(SiteURL.Students.remove(.key, .key), use: confirmRemoval)
        routes.post(SiteURL.Students.remove(.key, .key), use: remove)
        routes.get(SiteURL.Students.invitation(.key), use: invitationPages.show)
        routes.post(SiteURL.Students.acceptInvitation(.key), use: accept)
        routes.get(SiteURL.Students.leave(.key), use: confirmLeaving)
        routes.post(SiteURL.Students.leave(.key), use: leave)
    }

    /// The partner at `:slug`, if the person asking is on its staff, with the context to act in.
    private func partner(_ req: Request) async throws -> (OrganizationRecord, ActionContext) {
        let ctx = try await req.visitorContext()
        return (try await StudentsService.partner(slug: req.parameters.get("slug"), ctx), ctx)
    }

    private func studentsPage(_ org: OrganizationRecord) -> String {
        SiteURL.students(.list(.value(org.slug))).path
    }

    func list(req: Request) async throws -> Response {
        let (org, ctx) = try await partner(req)
        return try await render(req, org, ctx)
    }

    private func render(_ req: Request, _ org: OrganizationRecord, _ ctx: ActionContext, status: HTTPStatus = .ok,
                        errors: [FieldError] = [], emails: String = "") async throws -> Response {
        let view = try OrganizationView(org)
        let outcomes = try await StudentsService.outcomes(of: org, ctx)
        let page = StudentsPage(csrf: try await req.csrfToken(), org: view,
                                students: try await StudentsService.students(of: org, ctx).map { try StudentsPage.Student($0, outcomes: outcomes) },
                                invitations: try await InvitationFlow<StudentInvitation>.pending(in: org, ctx).map { try .init($0, of: view) },
                                errors: errors, emails: emails)
        return try await req.render("\(org.name): students", status: status, page)
    }

    struct InviteForm: Content {
        var emails: String?
    }

    func invite(req: Request) async throws -> Response {
        let (org, ctx) = try await partner(req)
        let text = try req.content.decode(InviteForm.self).emails ?? ""
        let addresses: [EmailAddress]
        do {
            addresses = try EmailAddress.invitationList(text, field: "emails")
        } catch {
            return try await render(req, org, ctx, status: .unprocessableEntity, errors: error.errors, emails: text)
        }
        try await StudentsService.invite(addresses, to: org, links: req.invitationLinks, ctx)
        try await req.flash(addresses.count == 1 ? "Invitation sent to \(addresses[0].value)." : "\(addresses.count) invitations sent.")
        return req.redirect(to: studentsPage(org))
    }

    func revoke(req: Request) async throws -> Response {
        let (org, ctx) = try await partner(req)
        let invitation = try await InvitationFlow<StudentInvitation>.revoke(req.parameters.get("invitationID", as: StudentInvitationID.self),
                                                                            in: org, ctx)
        try await req.flash("Invitation for \(invitation.email) revoked.")
        return req.redirect(to: studentsPage(org))
    }

    func confirmRemoval(req: Request) async throws -> Response {
        let (org, ctx) = try await partner(req)
        let student = try await StudentsService.student(req.parameters.get("studentID", as: StudentID.self), of: org, ctx)
        let who = "\(student.user.displayName) (\(student.user.email))"
        return try await req.render("Remove \(who)?", ConfirmationPage(
            question: "Remove \(who) from \(org.name)?",
            consequences: "They stop seeing the projects shared with \(org.name), and you stop seeing their activity. Their account, applications "
                + "and work stay theirs. You can invite them again.",
            action: req.url.path, confirm: "Remove \(student.user.displayName)", backLabel: "Keep them", back: studentsPage(org),
            csrf: try await req.csrfToken()))
    }

    func remove(req: Request) async throws -> Response {
        let (org, ctx) = try await partner(req)
        let student = try await StudentsService.remove(req.parameters.get("studentID", as: StudentID.self), from: org, ctx)
        try await req.flash("\(student.user.email) is no longer a student of \(org.name).")
        return req.redirect(to: studentsPage(org))
    }

    func confirmLeaving(req: Request) async throws -> Response {
        let school = try await StudentsService.school(req.parameters.get("studentID", as: StudentID.self), try await req.signedInContext())
        let name = school.organization.name
        return try await req.render("Leave \(name)?", ConfirmationPage(
            question: "Leave \(name)?",
            consequences: "You stop seeing the projects employers share with \(name), and its career staff stop seeing your activity. "
                + "Your applications and work stay yours. Only a new invitation brings you back.",
            action: req.url.path, confirm: "Leave \(name)", backLabel: "Stay", back: SiteURL.accounts(.settings).path,
            csrf: try await req.csrfToken()))
    }

    /// A student leaving a school, from their settings.
    func leave(req: Request) async throws -> Response {
        let school = try await StudentsService.leave(req.parameters.get("studentID", as: StudentID.self), try await req.signedInContext())
        try await req.flash("You left \(school.organization.name).")
        return req.redirect(to: SiteURL.accounts(.settings).path)
    }

    func accept(req: Request) async throws -> Response {
        let organization = try await invitationPages.accept(req).organization
        try await req.flash("You are now a student of \(organization.name): the projects it shares show in Find a project.")
        return req.redirect(to: SiteURL.projects(.marketplace).path)
    }
}
