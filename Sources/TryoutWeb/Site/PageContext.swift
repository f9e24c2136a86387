import Foundation
import Plot
import TryoutApp
import TryoutCore
import Vapor

/// What the shared layout needs about the person looking at a page.
struct PageContext {
    struct NavLink {
        var label: String
        var url: String
        /// Shown as a badge after the label while something waits ("3"), read out with `countNoun`.
        var count = 0
        var countNoun = ""
    }

    var userName: String?
    var nav: [NavLink]
    /// Present when signed in: the layout's sign-out form needs it.
    var csrf: String?
    var flash: Request.Flash?
    var currentPath: String

    /// A context for pages rendered without touching the database (error pages).
    static func minimal(path: String, userName: String? = nil) -> PageContext {
        PageContext(userName: userName, nav: [], csrf: nil, flash: nil, currentPath: path)
    }
}

extension Request {
    /// Builds the layout's context: navigation for the person's roles and the pending flash.
    /// `header` is the signed-in person's, when the page has already read it; otherwise the one
    /// read with the session, or, for a page the session's middleware did not expect, read now.
    func pageContext(header: HeaderSummary? = nil) async throws -> PageContext {
        var nav = [PageContext.NavLink(label: "Home", url: SiteURL.site(.home).path),
                   PageContext.NavLink(label: "Find a project", url: SiteURL.projects(.marketplace).path)]
        var csrf: String?
        if let user {
            let summary = if let header = header ?? authState.header { header } else { try await HeaderSummary.load(for: UserID(try user.requireID()), on: db) }
            for organization in summary.organizations {
                nav.append(.init(label: organization.name, url: SiteURL.organizations(.organization(.value(organization.slug), .members)).path))
            }
            if summary.isCandidate {
                nav.append(.init(label: "Profile", url: SiteURL.Profiles.profile.path))
                nav.append(.init(label: "Applications", url: SiteURL.applications(.mine).path))
            }
            if !summary.organizations.isEmpty || summary.isCandidate {
                nav.append(.init(label: "Engagements", url: SiteURL.engagements(.list).path))
            }
            // Shown only while something waits, as the unread count is, so the header stays short.
            if !summary.organizations.isEmpty, summary.versionsToScore > 0 {
                nav.append(.init(label: "Reviews", url: SiteURL.reviews(.queue).path, count: summary.versionsToScore, countNoun: "to score"))
            }
            nav.append(.init(label: "Notifications", url: SiteURL.applications(.notifications).path,
                             count: summary.unreadNotifications, countNoun: "unread"))
            if user.isPlatformAdmin {
                nav.append(.init(label: "Admin", url: SiteURL.admin(.organizations).path))
            }
            nav.append(.init(label: "Settings", url: SiteURL.accounts(.settings).path))
            csrf = try await csrfToken()
        } else {
            nav.append(.init(label: "Sign in", url: SiteURL.accounts(.signIn()).path))
            nav.append(.init(label: "Sign up", url: SiteURL.accounts(.signUp()).path))
        }
        return PageContext(userName: user?.displayName, nav: nav, csrf: csrf, flash: try await takeFlash(), currentPath: url.path)
    }

    /// Renders a page inside the shared layout.
    func render(_ title: String, status: HTTPStatus = .ok, header: HeaderSummary? = nil, _ content: Component) async throws -> Response {
        Layout.response(title: title, context: try await pageContext(header: header), status: status, content: content)
    }
}
