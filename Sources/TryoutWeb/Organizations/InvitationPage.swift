import Plot
import TryoutStore

/// Where an invitation e-mail leads: to join an organization as a member or as a student.
struct InvitationPage: Component {
    var csrf: String
    var organizationName: String
    /// "staff", "a student": what the person becomes.
    var joiningAs: String
    var email: String
    /// This page, to come back to after signing in.
    var link: String
    var accept: String
    var signedInEmail: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Join \(organizationName)")
            Tag.text("p", "You have been invited to join \(organizationName) on Tryout as \(joiningAs).", ["class": "lead"])
            if signedInEmail == email {
                PostForm(action: accept, csrf: csrf) {
                    Submit("Accept and join")
                }
            } else if let signedInEmail {
                Tag.text("p", "You are signed in as \(signedInEmail), but the invitation was sent to \(email). Sign out and sign in with that address to accept it.")
            } else {
                Tag("p", [:]) {
                    Text("The invitation was sent to \(email). ")
                    Tag.link("Sign in", to: SiteURL.signIn.path + "?next=" + link)
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
