import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// Platform administration pages: organizations and the platform-wide audit log.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Admin.organizations, use: organizations)
        routes.post(SiteURL.Admin.organizationStatus(.key), use: setStatus)
        routes.get(SiteURL.Admin.auditLog, use: audit)
        routes.get(SiteURL.Admin.jobs(), use: jobs)
        routes.post(SiteURL.Admin.retryJob(.key), use: retryJob)
        routes.post(SiteURL.Admin.discardJob(.key), use: discardJob)
    }

    func organizations(req: Request) async throws -> Response {
        let organizations = try await PlatformAdminService.organizations(try await req.visitorContext())
        let page = AdminOrganizationsPage(csrf: try await req.csrfToken(), organizations: try organizations.map(OrganizationView.init))
        return try await req.render("Organizations", page)
    }

    struct StatusForm: Content {
        var status: String?
    }

    func setStatus(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let form = try req.content.decode(StatusForm.self)
        let org = try await PlatformAdminService.setStatus(of: req.parameters.get("organizationID", as: OrganizationID.self), to: form.status, ctx)
        try await req.flash("\(org.name) is now \(org.status.rawValue).")
        return req.redirect(to: SiteURL.admin(.organizations).path)
    }

    func audit(req: Request) async throws -> Response {
        let events = try await PlatformAdminService.auditLog(try await req.visitorContext())
        let entries = events.map { AuditLogPage.Entry($0, address: $0.ip) }
        return try await req.render("Audit log", AuditLogPage(title: "Platform audit log", entries: entries))
    }

    func jobs(req: Request) async throws -> Response {
        let overview = try await JobsAdminService.overview(state: req.query[String.self, at: "state"], kind: req.query[String.self, at: "kind"],
                                                           try await req.visitorContext())
        return try await req.render("Jobs", AdminJobsPage(csrf: try await req.csrfToken(), overview: JobsOverviewView(overview)))
    }

    func retryJob(req: Request) async throws -> Response {
        try await JobsAdminService.retry(req.parameters.get("jobID", as: JobID.self), try await req.visitorContext())
        try await req.flash("The job will run again shortly.")
        return req.redirect(to: SiteURL.admin(.jobs(state: JobState.dead.rawValue)).path)
    }

    func discardJob(req: Request) async throws -> Response {
        try await JobsAdminService.discard(req.parameters.get("jobID", as: JobID.self), try await req.visitorContext())
        try await req.flash("The job was discarded.")
        return req.redirect(to: SiteURL.admin(.jobs(state: JobState.dead.rawValue)).path)
    }
}
