import Foundation
import Plot
import TryoutCore
import TryoutStore

struct OrganizationPage: Component {
    var org: OrganizationRecord
    var projects: [ProjectRecord]
    var isMember: Bool

    var body: Component {
        ComponentGroup {
            Tag.text("h1", org.name)
            Tag.text("p", org.kind == .employer ? "Employer" : "University and career services partner", ["class": "meta"])
            if org.status == .verified { Tag.text("p", "Verified by Tryout", ["class": "tag"]) }
            if org.status == .suspended { Tag.text("p", "This organization is suspended and cannot publish projects.", ["class": "flash flash-error"]) }
            if !org.description.isEmpty { Tag.text("p", org.description) }
            if !org.website.isEmpty { Tag("p", [:]) { Tag.link(org.website, to: org.website, ["rel": "nofollow noopener"]) } }
            if isMember { Tag("p", [:]) { Tag.link("Members and invitations", to: SiteURL.members(org.slug).path) } }
            if org.kind == .employer {
                Tag.text("h2", "Open projects")
                ProjectCards(projects: projects, showOrganization: false)
            }
        }
    }
}

struct MembersPage: Component {
    var csrf: String
    var org: OrganizationRecord
    var members: [MemberRecord]
    var invitations: [InvitationRecord]
    var viewer: Principal
    var errors: [FieldError]
    var inviteEmail: String

    private var orgID: UUID { org.id! }
    private var canManage: Bool { Policy.allows(viewer, .manageMembers(orgID)) }
    private var roles: [(value: String, label: String)] {
        MemberRole.roles(for: org.kind).map { ($0.rawValue, $0.label) }
    }

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "\(org.name): members")
            Tag("p", [:]) {
                Tag.link("Public page", to: SiteURL.organization(org.slug).path)
                if Policy.allows(viewer, .authorProjects(orgID)) && org.kind == .employer {
                    Text(" · ")
                    Tag.link("Projects", to: SiteURL.organizationProjects(org.slug).path)
                }
                if Policy.allows(viewer, .readAuditLog(orgID)) {
                    Text(" · ")
                    Tag.link("Audit log", to: SiteURL.auditLog(org.slug).path)
                }
                if Policy.allows(viewer, .manageStudents(orgID)) && org.kind == .partner {
                    Text(" · ")
                    Tag.link("Students", to: SiteURL.students(org.slug).path)
                }
                if Policy.allows(viewer, .manageSettings(orgID)) {
                    Text(" · ")
                    Tag.link("Settings", to: SiteURL.organizationSettings(org.slug).path)
                }
                if Policy.allows(viewer, .manageSettings(orgID)) && org.kind == .employer {
                    Text(" · ")
                    Tag.link("Agreement templates", to: SiteURL.agreementTemplates(org.slug).path)
                }
            }
            ErrorSummary(errors: errors)
            Tag("table", [:]) {
                Tag.text("caption", "People in \(org.name)", ["class": "visually-hidden"])
                Tag("thead", [:]) {
                    Tag("tr", [:]) {
                        Tag.text("th", "Name", ["scope": "col"])
                        Tag.text("th", "E-mail", ["scope": "col"])
                        Tag.text("th", "Role", ["scope": "col"])
                        Tag("th", ["scope": "col"]) { Tag.text("span", "Actions", ["class": "visually-hidden"]) }
                    }
                }
                Tag("tbody", [:]) {
                    for member in members { row(member) }
                }
            }
            if canManage {
                PendingInvitations(csrf: csrf, items: invitations.map {
                    .init(email: $0.email, offer: $0.role.label.lowercased(), expires: $0.expiresAt,
                          revoke: SiteURL.revokeInvitation(org.slug, $0.id!).path)
                })
                Tag.text("h2", "Invite someone")
                PostForm(action: SiteURL.invitations(org.slug).path, csrf: csrf) {
                    Field(name: "email", label: "E-mail address", type: "email", value: inviteEmail, error: errors.message("email"))
                    SelectField(name: "role", label: "Role", options: roles, selected: MemberRole.roles(for: org.kind).last!.rawValue,
                                error: errors.message("role"))
                    Submit("Send invitation")
                }
            }
        }
    }

    private func row(_ member: MemberRecord) -> Component {
        let isSelf = member.$user.id == viewer.userID
        return Tag("tr", [:]) {
            Tag.text("td", member.user.displayName + (isSelf ? " (you)" : ""))
            Tag.text("td", member.user.email)
            Tag("td", [:]) {
                if canManage {
                    PostForm(action: SiteURL.memberRole(org.slug, member.id!).path, csrf: csrf) {
                        Tag("label", ["for": "role-\(member.id!.uuidString)", "class": "visually-hidden"]) { Text("Role of \(member.user.displayName) (\(member.user.email))") }
                        Tag("select", ["id": "role-\(member.id!.uuidString)", "name": "role"]) {
                            for role in MemberRole.roles(for: org.kind) {
                                if role == member.role {
                                    Tag("option", ["value": role.rawValue, "selected": ""]) { Text(role.label) }
                                } else {
                                    Tag("option", ["value": role.rawValue]) { Text(role.label) }
                                }
                            }
                        }
                        Submit("Change", style: "secondary", detail: "role of \(member.user.email)")
                    }
                } else {
                    Text(member.role.label)
                }
            }
            Tag("td", [:]) {
                if canManage || isSelf {
                    PostForm(action: SiteURL.removeMember(org.slug, member.id!).path, csrf: csrf) {
                        Submit(isSelf ? "Leave" : "Remove", style: "danger", detail: isSelf ? org.name : member.user.email)
                    }
                }
            }
        }
    }
}

struct AuditLogPage: Component {
    var title: String
    var events: [AuditEventRecord]
    /// Where each entry came from, as far as the reader may know ("" when not).
    var address: (AuditEventRecord) -> String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", title)
            if events.isEmpty {
                Tag.text("p", "Nothing has been recorded yet.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) {
                            for heading in ["When", "Who", "What", "Detail", "From"] { Tag.text("th", heading, ["scope": "col"]) }
                        }
                    }
                    Tag("tbody", [:]) {
                        for event in events {
                            Tag("tr", [:]) {
                                Tag.text("td", DateText.short(event.createdAt))
                                Tag.text("td", event.actorEmail.isEmpty ? "—" : event.actorEmail)
                                Tag.text("td", event.action.label)
                                Tag.text("td", event.detail)
                                Tag.text("td", address(event))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The cards that list projects on the home and organization pages.
struct ProjectCards: Component {
    var projects: [ProjectRecord]
    var showOrganization: Bool

    var body: Component {
        if projects.isEmpty { return Tag.text("p", "No open projects right now.") }
        return Tag("ul", ["class": "cards"]) {
            for project in projects {
                Tag("li", ["class": "card"]) {
                    Tag("h3", [:]) { Tag.link(project.title, to: SiteURL.project(project.id!).path) }
                    if showOrganization { Tag.text("p", project.organization.name, ["class": "meta"]) }
                    Tag.text("p", project.summary)
                    Tag.text("p", ProjectFacts.line(project), ["class": "meta"])
                }
            }
        }
    }
}

enum ProjectFacts {
    /// "USD 600.00 · about 20 h over 3 weeks (USD 30.00/h) · Remote"
    static func line(_ project: ProjectRecord) -> String {
        var parts = [project.pay.formatted]
        let hourly = project.pay.perHour(project.estimatedHours).map { " (\($0.formatted)/h)" } ?? ""
        parts.append("about \(project.estimatedHours) h over \(project.durationWeeks) week\(project.durationWeeks == 1 ? "" : "s")\(hourly)")
        parts.append(project.locationMode.label + (project.place.isEmpty ? "" : ", \(project.place)"))
        return parts.joined(separator: " · ")
    }
}
