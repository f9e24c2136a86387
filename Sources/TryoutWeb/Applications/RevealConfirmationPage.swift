import Foundation
import Plot
import TryoutCore

/// Asked before blind screening goes off: who will be shown, by handle, and what that means.
/// Confirming sends the same settings again with the ids listed here, so someone who applies in
/// the meantime is not revealed unasked.
struct RevealConfirmationPage: Component {
    /// An applicant the change would reveal.
    struct Revealed: Sendable {
        var id: ApplicationID
        var handle: String
        var state: ApplicationState
    }

    var project: ScreenedProject
    var form: [String: String]
    var applications: [Revealed]
    var csrf: String

    var body: Component {
        let id = project.id
        let count = applications.count
        return ComponentGroup {
            Tag.text("h1", "Turn blind screening off?")
            Tag.text("p", "Everyone who screens “\(project.title)” will see the names, e-mail addresses, schools, links and locations of "
                     + "\(count == 1 ? "this applicant" : "these \(count) applicants"). They stay shown if you turn blind screening on again, "
                     + "and each reveal is recorded in the audit log under your name.", ["class": "lead"])
            Tag("ul", ["aria-label": "Applicants who will be revealed"]) {
                for application in applications { Tag.text("li", "\(application.handle) (\(application.state.label.lowercased()))") }
            }
            PostForm(action: ApplicantsPage.link(id, .screening), csrf: csrf) {
                for name in ["revealAt", "offerWindowDays"] {
                    Tag(void: "input", [("type", "hidden"), ("name", name), ("value", form[name] ?? "")])
                }
                Tag(void: "input", [("type", "hidden"), ("name", "confirmReveal"),
                                    ("value", applications.map(\.id.description).joined(separator: ","))])
                Submit(count == 1 ? "Show who this applicant is" : "Show who these \(count) applicants are", style: "danger")
            }
            Tag("p", [:]) { Tag.link("Keep blind screening on", to: ApplicantsPage.link(id, .applicants)) }
        }
    }
}
