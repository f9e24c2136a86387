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
        /// The brief rendered from its Markdown when it was saved.
        var briefHTML: String
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
            if let lint, let csrf { PublishingPanel(projectID: project.id, state: project.state, lint: lint, csrf: csrf) }
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
            Tag("div", ["class": "brief"]) { Node<HTML.BodyContext>.raw(project.briefHTML) }
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
}
