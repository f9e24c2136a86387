import Foundation
import Plot
import TryoutApp
import TryoutCore

/// Discoverable candidates who match the project, by handle, with an invitation to apply.
struct PeopleToInvitePage: Component {
    var project: ScreenedProject
    var people: [PersonToInvite]
    var verifiedOnly = false
    var csrf: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "People to invite: \(project.title)")
            Tag.text("p", "Candidates who asked to be found, best match first. They are named by a code until they apply and you move them on.",
                     ["class": "lead"])
            if project.state != .published { Tag.text("p", "Publish the project to invite people to it.") }
            Tag("form", ["method": "get", "action": ApplicantsPage.link(project.id, .candidates)]) {
                CheckboxField(name: "verified", label: "Only people whose skills are verified by a credential for completed work", checked: verifiedOnly)
                Submit("Filter", style: "secondary")
            }
            if people.isEmpty {
                Tag.text("p", verifiedOnly ? "No discoverable candidate has one of this project's skills verified yet."
                    : "No discoverable candidate has the skills this project asks for yet.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Candidate", "Match", "Why", "Invite"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for person in people {
                            Tag("tr", [:]) {
                                Tag.text("th", person.handle, ["scope": "row"])
                                Tag.text("td", String(person.score.total), ["data-label": "Match"])
                                Tag.text("td", person.score.explanation.joined(separator: "; "), ["data-label": "Why"])
                                Tag("td", [:]) {
                                    if project.state == .published {
                                        PostForm(action: ApplicantsPage.link(project.id, .invite(.value(person.profileID))), csrf: csrf) {
                                            Submit("Invite", style: "secondary", detail: person.handle)
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
}
