import Foundation
import Plot
import TryoutCore

/// `/reviews/:submissionID`: one version as a reviewer or manager scores it. The work, the
/// rubric, the scoring form while the person may score, and the other scorecards only once
/// their own is in (or, for a manager who need not score, straight away).
struct ReviewPage: Component {
    var seat: ReviewSeatView
    var rubric: [RubricCriterion]
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Version \(seat.version) of “\(seat.milestoneTitle)”")
            Tag.text("p", "\(seat.projectTitle) · by \(seat.candidateLabel) · handed in \(DateText.short(seat.handedInAt)) · \(seat.state.label)",
                     ["class": "meta"])
            if seat.blind {
                Tag.text("p", "Blind review: you see the applicant's handle, not who they are, so the work is judged on its own.")
            }
            if seat.isManager {
                Tag("p", [:]) {
                    Tag.link("Go to the deliverable to decide", to: SiteURL.engagements(.engagement(seat.engagementID, .milestone(.value(seat.milestoneID)))).path)
                }
            }
            work
            Tag("section", ["aria-labelledby": "rubric-title"]) {
                Tag.text("h2", "How the work is judged", ["id": "rubric-title"])
                RubricTable(rubric: rubric)
            }
            if seat.canScore {
                scoring
            } else {
                ReviewPanelSection(panel: seat.panel, id: "panel")
            }
        }
    }

    private var work: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "work-title"]) {
            Tag.text("h2", "The work", ["id": "work-title"])
            if !seat.note.isEmpty { Tag.text("p", seat.note) }
            if seat.files.isEmpty && seat.links.isEmpty {
                Tag.text("p", "No files or links.")
            } else {
                Tag("ul", [:]) {
                    for file in seat.files {
                        Tag("li", [:]) {
                            Tag.link(file.name, to: SiteURL.reviews(.file(.value(seat.submissionID), .value(file.id))).path)
                            Text(" · \(ByteCount.text(Int(file.size)))")
                        }
                    }
                    for link in seat.links {
                        Tag("li", [:]) { Tag.link(link, to: link, ["rel": "nofollow noopener noreferrer"]) }
                    }
                }
            }
        }
    }

    private var scoring: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "score-title"]) {
            Tag.text("h2", "Your scorecard", ["id": "score-title"])
            Tag.text("p", seat.panel.progressText.map { "\($0) You see the other scorecards once yours is in." }
                     ?? "You see the other scorecards once yours is in.", ["class": "meta"])
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.reviews(.review(.value(seat.submissionID))).path, csrf: csrf) {
                ReviewScoringFields(rubric: rubric, form: form, errors: errors)
                Submit("Hand in my scorecard")
            }
        }
    }
}

/// `/reviews`: the versions the person is asked to score and has not yet.
struct ReviewQueuePage: Component {
    var rows: [QueueRow]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Versions to score")
            if rows.isEmpty {
                Tag.text("p", "Nothing to score: you will be told when a version is handed in for you to review.")
            } else {
                Tag("ul", ["class": "cards"]) {
                    for row in rows {
                        Tag("li", ["class": "card"]) {
                            Tag("h2", [:]) { Tag.link("\(row.projectTitle): version \(row.version)", to: SiteURL.reviews(.review(.value(row.submissionID))).path) }
                            Tag.text("p", "Handed in \(DateText.short(row.handedInAt)) · asked \(DateText.short(row.askedAt))", ["class": "meta"])
                        }
                    }
                }
            }
        }
    }
}

/// `/projects/:projectID/reviews`: how the project's versions are reviewed, for its authors.
struct ReviewSettingsPage: Component {
    /// A member who may be chosen to review.
    struct Member: Sendable {
        var id: UserID
        var name: String
        var role: String
    }

    var projectID: ProjectID
    var projectTitle: String
    var members: [Member]
    var form: ReviewSettingsForm
    var csrf: String
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Reviews of “\(projectTitle)”")
            Tag("p", ["class": "lead"]) {
                Text("Who scores each version handed in, against the rubric, before a manager decides. New settings apply to versions handed in from now on. ")
                Tag.link("Back to the project", to: SiteURL.projects(.project(.value(projectID))).path)
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.reviews(.settings(.value(projectID))).path, csrf: csrf) {
                Field(name: "panelSize", label: "Reviewers per version", type: "number", value: form.panelSize, error: errors.message("panelSize"),
                      hint: "1 to 5, drawn from the reviewers chosen below.", extra: [("min", "1"), ("max", "5")])
                ChoiceGroup(legend: "How reviewers are picked", name: "rotation", type: "radio", error: errors.message("rotation"),
                            choices: ReviewSettings.Rotation.allCases.map { ($0.rawValue, $0.label, form.rotation == $0.rawValue) })
                ChoiceGroup(legend: "Reviewers, in the order they are picked", name: "reviewers[]", field: "reviewers", type: "checkbox",
                            error: errors.message("reviewers"),
                            choices: members.map { ($0.id.description, "\($0.name) (\($0.role))", form.reviewers.contains($0.id)) })
                Tag.text("p", "With no reviewers, the deciding manager scores each version.", ["class": "hint"])
                CheckboxField(name: "managerScores", label: "The deciding manager scores too, before seeing the panel", checked: form.managerScores)
                CheckboxField(name: "blind", label: "Blind: reviewers see the applicant's handle, not who they are", checked: form.blind)
                Field(name: "autoAcceptDays", label: "Accept a version automatically after this many days without a decision", type: "number",
                      value: form.autoAcceptDays, error: errors.message("autoAcceptDays"), hint: "3 to 30 days.", extra: [("min", "3"), ("max", "30")])
                Submit("Save review settings")
            }
        }
    }
}
