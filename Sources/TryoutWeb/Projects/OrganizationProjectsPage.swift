import Foundation
import Plot
import TryoutCore

/// An employer's own list of its projects, in every state.
struct OrganizationProjectsPage: Component {
    /// One row of the list.
    struct Row {
        var id: ProjectID
        var title: String
        var state: ProjectState
        var pay: Money
        var createdAt: Date
    }

    var org: BriefEditorPage.Organization
    var projects: [Row]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "\(org.name): projects")
            Tag("p", [:]) { Tag.link("Write a new brief", to: SiteURL.projects(.newProject(.value(org.slug))).path, ["class": "button primary"]) }
            if projects.isEmpty {
                Tag.text("p", "No projects yet.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Project", "State", "Pay", "Created"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for project in projects {
                            Tag("tr", [:]) {
                                Tag("th", ["scope": "row"]) { Tag.link(project.title, to: SiteURL.projects(.project(.value(project.id))).path) }
                                Tag.text("td", project.state.rawValue.capitalized, ["data-label": "State"])
                                Tag.text("td", project.pay.formatted, ["data-label": "Pay"])
                                Tag.text("td", DateText.day(project.createdAt), ["data-label": "Created"])
                            }
                        }
                    }
                }
            }
        }
    }
}
