import Plot
import TryoutStore

struct InvitationPage: Component {
    var csrf: String
    var invitation: InvitationRecord
    var token: String
    var signedInEmail: String?

    var body: Component {
        let org = invitation.organization
        let next = SiteURL.invitation(token: token).path
        return ComponentGroup {
            Tag.text("h1", "Join \(org.name)")
            Tag.text("p", "You have been invited to join \(org.name) on Tryout as \(invitation.role.label.lowercased()).", ["class": "lead"])
            if signedInEmail == invitation.email {
                PostForm(action: SiteURL.acceptInvitation(token: token).path, csrf: csrf) {
                    Submit("Accept and join")
                }
            } else if let signedInEmail {
                Tag.text("p", "You are signed in as \(signedInEmail), but the invitation was sent to \(invitation.email). Sign out and sign in with that address to accept it.")
            } else {
                Tag("p", [:]) {
                    Text("The invitation was sent to \(invitation.email). ")
                    Tag.link("Sign in", to: SiteURL.signIn.path + "?next=" + next)
                    Text(" with that address, or ")
                    Tag.link("create an account", to: SiteURL.signUp.path)
                    Text(" with it and open this link again.")
                }
            }
        }
    }
}

struct AdminOrganizationsPage: Component {
    var csrf: String
    var organizations: [OrganizationRecord]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Organizations")
            Tag("p", [:]) { Tag.link("Platform audit log", to: SiteURL.adminAuditLog.path) }
            Tag("table", [:]) {
                Tag("thead", [:]) {
                    Tag("tr", [:]) {
                        for heading in ["Name", "Kind", "Status"] { Tag.text("th", heading, ["scope": "col"]) }
                        Tag("th", ["scope": "col"]) { Tag.text("span", "Actions", ["class": "visually-hidden"]) }
                    }
                }
                Tag("tbody", [:]) {
                    for org in organizations {
                        Tag("tr", [:]) {
                            Tag("td", [:]) { Tag.link(org.name, to: SiteURL.organization(org.slug).path) }
                            Tag.text("td", org.kind.rawValue.capitalized)
                            Tag.text("td", org.status.rawValue.capitalized)
                            Tag("td", [:]) {
                                for (status, label) in [("verified", "Verify"), ("suspended", "Suspend"), ("unverified", "Reinstate")]
                                where status != org.status.rawValue && !(status == "unverified" && org.status == .verified) {
                                    PostForm(action: SiteURL.adminOrganizationStatus(org.id!).path, csrf: csrf) {
                                        Tag(void: "input", [("type", "hidden"), ("name", "status"), ("value", status)])
                                        Submit(label, style: status == "suspended" ? "danger" : "secondary", detail: "\(org.name) (\(org.slug))")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
