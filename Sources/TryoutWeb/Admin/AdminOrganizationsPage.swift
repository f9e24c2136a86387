import Plot

/// `/admin/organizations`: every organization, to verify, suspend or reinstate.
struct AdminOrganizationsPage: Component {
    var csrf: String
    var organizations: [OrganizationView]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Organizations")
            Tag("p", [:]) {
                Tag.link("Platform audit log", to: SiteURL.admin(.auditLog).path)
                Text(" · ")
                Tag.link("Jobs", to: SiteURL.admin(.jobs()).path)
                Text(" · ")
                Tag.link("Disputes", to: SiteURL.disputes(.desk).path)
                Text(" · ")
                Tag.link("Payments", to: SiteURL.billing(.desk).path)
            }
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
                            Tag("th", ["scope": "row"]) { Tag.link(org.name, to: org.url()) }
                            Tag.text("td", org.kind.rawValue.capitalized, ["data-label": "Kind"])
                            Tag.text("td", org.status.rawValue.capitalized, ["data-label": "Status"])
                            Tag("td", [:]) {
                                for (status, label) in [("verified", "Verify"), ("suspended", "Suspend"), ("unverified", "Reinstate")]
                                where status != org.status.rawValue && !(status == "unverified" && org.status == .verified) {
                                    PostForm(action: SiteURL.admin(.organizationStatus(.value(org.id))).path, csrf: csrf) {
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
