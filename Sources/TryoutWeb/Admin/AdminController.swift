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
}
