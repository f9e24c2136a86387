import Plot
import TryoutCore

/// A project's state for its authors: what publishing still needs, each finding linked to the
/// field of the editor step that fixes it, and the actions its state allows. The project page
/// and the brief editor both show it.
struct PublishingPanel: Component {
    var projectID: ProjectID
    var state: ProjectState
    var lint: LintReport
    var csrf: String
    /// In the editor the steps are the way to edit, so the panel offers no Edit link.
    var inEditor = false

    var body: Component {
        let id = Parameter.value(projectID)
        let editable = ProjectLifecycle.isEditable(state)
        let blocked = state == .draft && !lint.canPublish
        return Tag("section", ["class": "panel", "aria-labelledby": "author-title"]) {
            Tag.text("h2", "For your team: \(state.rawValue)", ["id": "author-title"])
            if state == .draft {
                if lint.errors.isEmpty {
                    Tag.text("p", "The brief passes every publishing check.")
                } else {
                    Tag.text("p", "Before it can be published:", ["id": "publish-blockers"])
                    findings(lint.errors, editable: editable, ["class": "lint-errors", "aria-labelledby": "publish-blockers"])
                }
            }
            if !lint.warnings.isEmpty {
                Tag.text("p", "Worth a second look:", ["id": "lint-warnings"])
                findings(lint.warnings, editable: editable, ["class": "lint-warnings", "aria-labelledby": "lint-warnings"])
            }
            Tag("div", ["class": "actions"]) {
                // While publishing is blocked, fixing the brief is the main action and Publish waits, greyed.
                if editable && !inEditor {
                    Tag.link("Edit", to: SiteURL.projects(.editStep(id, .value(.basics))).path, ["class": blocked ? "button primary" : "button secondary"])
                }
                for (action, label, target) in [(SiteURL.Projects.Authoring.publish, "Publish", ProjectState.published),
                                                (.close, "Close applications", .closed), (.cancel, "Cancel project", .cancelled)]
                where ProjectLifecycle.allowedTargets(from: state).contains(target) {
                    PostForm(action: SiteURL.projects(.project(id, action)).path, csrf: csrf) {
                        IdempotencyField()
                        if target == .published && blocked {
                            Tag("button", ["type": "submit", "class": "button secondary", "disabled": "", "aria-describedby": "publish-blockers"]) {
                                Text(label)
                            }
                        } else {
                            Submit(label, style: target == .cancelled ? "danger" : "primary")
                        }
                    }
                }
                PostForm(action: SiteURL.projects(.project(id, .duplicate)).path, csrf: csrf) { Submit("Duplicate", style: "secondary") }
            }
        }
    }

    /// Each finding links to its field on the editor's step while the brief can still be edited.
    private func findings(_ list: [LintFinding], editable: Bool, _ attributes: KeyValuePairs<String, String>) -> Component {
        Tag("ul", attributes) {
            for finding in list {
                Tag("li", [:]) {
                    if editable {
                        let step = BriefStep.step(of: finding.field)
                        Tag.link(finding.message, to: SiteURL.projects(.editStep(.value(projectID), .value(step))).path + "#field-\(finding.field)")
                    } else {
                        Text(finding.message)
                    }
                }
            }
        }
    }
}
