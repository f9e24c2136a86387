import Plot
import TryoutCore

/// A brief as candidates read it; its organization's authors also see the lint and the actions.
struct ProjectPage: Component {
    /// What the page shows of the project besides its brief.
    struct Project {
        var id: ProjectID
        var title: String
        var summary: String
        var state: ProjectState
        var organizationName: String
        var organizationSlug: String
        var skills: [Skill]
    }

    /// A skill the brief asks for, by its label.
    struct Skill {
        var label: String
        var level: Int
        var required: Bool
    }

    var project: Project
    var brief: Brief
    /// Present for people who may author the project.
    var lint: LintReport?
    var csrf: String?
    /// Present for candidates: how their profile matches, and the labels of the skills they lack.
    var match: (score: MatchScore, missing: [String])?
    /// Whether the viewer may see the project's applicants.
    var showsApplicants = false
    var apply: ApplyPanel?
    /// Past candidates' recommendation, once enough answered the exit survey.
    var rating: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", project.title)
            Tag("p", ["class": "meta"]) {
                Text("Posted by ")
                Tag.link(project.organizationName, to: SiteURL.organizations(.organization(.value(project.organizationSlug))).path)
                if project.state != .published { Text(" · \(project.state.rawValue.capitalized)") }
            }
            if let lint, let csrf { authorPanel(lint, csrf: csrf) }
            Tag.text("p", project.summary, ["class": "lead"])
            // What a candidate decides on comes first: pay, time, dates, skills and their match;
            // then the brief; the form to apply comes after it, one link away.
            facts
            if !project.skills.isEmpty {
                Tag.text("h2", "Skills")
                Tag("ul", [:]) {
                    for skill in project.skills {
                        Tag.text("li", "\(skill.label) (level \(skill.level) of 4, \(skill.required ? "required" : "nice to have"))")
                    }
                }
            }
            if let match { matchPanel(match.score, missing: match.missing) }
            if showsApplicants {
                Tag("p", ["class": "actions"]) {
                    Tag.link("See the applicants", to: SiteURL.applications(.project(.value(project.id), .applicants)).path, ["class": "button secondary"])
                    Tag.link("Onboarding checklist", to: SiteURL.projects(.project(.value(project.id), .onboarding)).path, ["class": "button secondary"])
                    Tag.link("Review settings", to: SiteURL.reviews(.settings(.value(project.id))).path, ["class": "button secondary"])
                }
            }
            if let apply {
                if apply.isForm {
                    Tag("p", [:]) { Tag.link("Apply to this project", to: "#apply", ["class": "button primary"]) }
                } else {
                    apply
                }
            }
            Tag.text("h2", "The brief")
            Tag("div", ["class": "brief"]) { Node<HTML.BodyContext>.raw(SafeMarkdown.html(brief.body)) }
            if !brief.deliverables.isEmpty {
                Tag.text("h2", "Deliverables")
                Tag("ol", [:]) {
                    for deliverable in brief.deliverables {
                        Tag("li", [:]) {
                            Tag.text("strong", deliverable.title)
                            Text(" (due day \(deliverable.dueOffsetDays), \(deliverable.weight)%)")
                            if !deliverable.description.isEmpty { Tag.text("p", deliverable.description) }
                        }
                    }
                }
            }
            if !brief.rubric.isEmpty { rubric }
            if !brief.accommodations.isEmpty {
                Tag.text("h2", "Accommodations")
                Tag.text("p", brief.accommodations)
            }
            if let apply, apply.isForm { apply }
        }
    }

    /// Each finding links to its field on the edit form while the brief can still be edited.
    private func findings(_ list: [LintFinding], editable: Bool, _ attributes: KeyValuePairs<String, String>) -> Component {
        Tag("ul", attributes) {
            for finding in list {
                Tag("li", [:]) {
                    if editable {
                        Tag.link(finding.message, to: SiteURL.projects(.project(.value(project.id), .edit)).path + "#field-\(finding.field)")
                    } else {
                        Text(finding.message)
                    }
                }
            }
        }
    }

    private var facts: Component {
        Tag("dl", ["class": "facts"]) {
            fact("Pay", brief.pay.formatted + (brief.pay.perHour(brief.estimatedHours).map { " (about \($0.formatted) an hour)" } ?? ""))
            fact("Time", "About \(brief.estimatedHours) hours over \(brief.durationWeeks) week\(brief.durationWeeks == 1 ? "" : "s")")
            if let start = brief.startDate { fact("Starts", DateText.day(start)) }
            if let deadline = brief.applicationDeadline { fact("Apply by", DateText.day(deadline)) }
            fact("Where", brief.locationMode.label + (brief.place.isEmpty ? "" : ", \(brief.place)"))
            if let zone = brief.timeZone { fact("Team's hours", WorkingHoursOverlap.hours(in: zone)) }
            fact("Engagement", brief.classification?.label ?? "Not chosen yet")
            fact("Places", String(brief.slots))
            if let rating { fact("Past candidates", rating) }
        }
    }

    private func fact(_ term: String, _ value: String) -> Component {
        ComponentGroup {
            Tag.text("dt", term)
            Tag.text("dd", value)
        }
    }

    private func matchPanel(_ score: MatchScore, missing: [String]) -> Component {
        Tag("section", ["class": "panel", "aria-labelledby": "match-title"]) {
            Tag.text("h2", "Your match: \(score.total) of 100", ["id": "match-title"])
            Tag("ul", [:]) {
                for line in score.explanation { Tag.text("li", line) }
                if !missing.isEmpty { Tag.text("li", "Not on your profile yet: " + missing.joined(separator: ", ")) }
            }
            Tag("p", [:]) { Tag.link("Update your profile", to: SiteURL.Profiles.profile.path) }
        }
    }

    private var rubric: Component {
        ComponentGroup {
            Tag.text("h2", "How the work is judged")
            RubricTable(rubric: brief.rubric)
        }
    }

    private func authorPanel(_ lint: LintReport, csrf: String) -> Component {
        let id = Parameter.value(project.id)
        return Tag("section", ["class": "panel", "aria-labelledby": "author-title"]) {
            Tag.text("h2", "For your team: \(project.state.rawValue)", ["id": "author-title"])
            let editable = ProjectLifecycle.isEditable(project.state)
            let blocked = project.state == .draft && !lint.canPublish
            if project.state == .draft {
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
                if editable { Tag.link("Edit", to: SiteURL.projects(.project(id, .edit)).path, ["class": blocked ? "button primary" : "button secondary"]) }
                for (action, label, target) in [(SiteURL.Projects.Authoring.publish, "Publish", ProjectState.published),
                                                (.close, "Close applications", .closed), (.cancel, "Cancel project", .cancelled)]
                where ProjectLifecycle.allowedTargets(from: project.state).contains(target) {
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
}
