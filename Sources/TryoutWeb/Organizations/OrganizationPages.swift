import Foundation
import Plot
import TryoutCore

/// `/orgs/:slug`: the organization's public page, with its open projects.
struct OrganizationPage: Component {
    var org: OrganizationView
    var projects: ProjectCards
    var isMember: Bool
    /// Past candidates' recommendation, once enough answered the exit survey.
    var rating: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", org.name)
            Tag.text("p", org.kind == .employer ? "Employer" : "University and career services partner", ["class": "meta"])
            if org.status == .verified { Tag.text("p", "Verified by Tryout", ["class": "tag"]) }
            if org.status == .suspended { Tag.text("p", "This organization is suspended and cannot publish projects.", ["class": "flash flash-error"]) }
            if !org.description.isEmpty { Tag.text("p", org.description) }
            if let rating { Tag.text("p", rating, ["class": "meta"]) }
            if !org.website.isEmpty { Tag("p", [:]) { Tag.link(org.website, to: org.website, ["rel": "nofollow noopener"]) } }
            if isMember { Tag("p", [:]) { Tag.link("Members and invitations", to: org.url(.members)) } }
            if org.kind == .employer {
                Tag.text("h2", "Open projects")
                projects
            }
        }
    }
}

/// `/orgs/:slug/members`: the people, their roles and, for managers, invitations.
struct MembersPage: Component {
    /// One person in the organization.
    struct Member: Sendable {
        var id: MemberID
        var userID: UUID
        var displayName: String
        var email: String
        var role: MemberRole
    }

    var csrf: String
    var org: OrganizationView
    var members: [Member]
    var invitations: [PendingInvitations.Item]
    var viewer: Principal
    var errors: [FieldError]
    var inviteEmail: String

    private var orgID: UUID { org.id.uuid }
    private var canManage: Bool { Policy.allows(viewer, .manageMembers(orgID)) }
    private var roles: [(value: String, label: String)] {
        MemberRole.roles(for: org.kind).map { ($0.rawValue, $0.label) }
    }

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "\(org.name): members")
            Tag("p", [:]) {
                Tag.link("Public page", to: org.url())
                if Policy.allows(viewer, .authorProjects(orgID)) && org.kind == .employer {
                    Text(" · ")
                    Tag.link("Projects", to: SiteURL.projects(.organizationProjects(.value(org.slug))).path)
                }
                if Policy.allows(viewer, .readAuditLog(orgID)) {
                    Text(" · ")
                    Tag.link("Audit log", to: org.url(.auditLog))
                }
                if Policy.allows(viewer, .manageStudents(orgID)) && org.kind == .partner {
                    Text(" · ")
                    Tag.link("Students", to: SiteURL.students(.list(.value(org.slug))).path)
                }
                if Policy.allows(viewer, .manageSettings(orgID)) {
                    Text(" · ")
                    Tag.link("Settings", to: org.url(.settings))
                }
                if Policy.allows(viewer, .manageSettings(orgID)) && org.kind == .employer {
                    Text(" · ")
                    Tag.link("Agreement templates", to: SiteURL.engagements(.agreementTemplates(.value(org.slug))).path)
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
                PendingInvitations(csrf: csrf, items: invitations)
                Tag.text("h2", "Invite someone")
                PostForm(action: org.url(.invitations), csrf: csrf) {
                    Field(name: "email", label: "E-mail address", type: "email", value: inviteEmail, error: errors.message("email"))
                    // The role with the fewest rights comes preselected, so that nobody grants more by accident.
                    SelectField(name: "role", label: "Role", options: roles, selected: MemberRole.roles(for: org.kind).last?.rawValue ?? "",
                                error: errors.message("role"))
                    Submit("Send invitation")
                }
            }
        }
    }

    private func row(_ member: Member) -> Component {
        let isSelf = member.userID == viewer.userID
        let selectID = "role-\(member.id.uuid.uuidString)"
        return Tag("tr", [:]) {
            Tag.text("th", member.displayName + (isSelf ? " (you)" : ""), ["scope": "row"])
            Tag.text("td", member.email, ["data-label": "E-mail"])
            Tag("td", ["data-label": "Role"]) {
                if canManage {
                    PostForm(action: org.url(.memberRole(.value(member.id))), csrf: csrf) {
                        Tag("label", ["for": selectID, "class": "visually-hidden"]) { Text("Role of \(member.displayName) (\(member.email))") }
                        Tag("select", ["id": selectID, "name": "role"]) {
                            for role in MemberRole.roles(for: org.kind) {
                                if role == member.role {
                                    Tag("option", ["value": role.rawValue, "selected": ""]) { Text(role.label) }
                                } else {
                                    Tag("option", ["value": role.rawValue]) { Text(role.label) }
                                }
                            }
                        }
                        Submit("Change", style: "secondary", detail: "role of \(member.email)")
                    }
                } else {
                    Text(member.role.label)
                }
            }
            Tag("td", [:]) {
                if canManage || isSelf {
                    ActionLink(title: isSelf ? "Leave" : "Remove", url: org.url(.removeMember(.value(member.id))), detail: isSelf ? org.name : member.email)
                }
            }
        }
    }
}

/// An audit log: an organization's, or the whole platform's for its admins.
struct AuditLogPage: Component {
    /// One recorded action.
    struct Entry: Sendable {
        var at: Date
        var actorEmail: String
        var action: String
        var detail: String
        /// Where it came from, as far as the reader may know ("" when not).
        var address: String
    }

    var title: String
    var entries: [Entry]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", title)
            if entries.isEmpty {
                Tag.text("p", "Nothing has been recorded yet.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) {
                            for heading in ["When", "Who", "What", "Detail", "From"] { Tag.text("th", heading, ["scope": "col"]) }
                        }
                    }
                    Tag("tbody", [:]) {
                        for entry in entries {
                            Tag("tr", [:]) {
                                Tag.text("th", DateText.short(entry.at), ["scope": "row"])
                                Tag.text("td", entry.actorEmail.isEmpty ? "—" : entry.actorEmail, ["data-label": "Who"])
                                Tag.text("td", entry.action, ["data-label": "What"])
                                Tag.text("td", entry.detail, ["data-label": "Detail"])
                                Tag.text("td", entry.address, ["data-label": "From"])
                            }
                        }
                    }
                }
            }
        }
    }
}
