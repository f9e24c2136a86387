import Foundation
import Plot
import TryoutCore

/// Every milestone in a column by state, like a task board, rendered on the server.
struct BoardPage: Component {
    var snapshot: EngagementOverview
    var now: Date

    var body: Component {
        let id = snapshot.id
        return ComponentGroup {
            EngagementHeader(engagement: snapshot.engagement, current: SiteURL.Engagements.engagement(id, .board).path, unread: snapshot.unreadMessages)
            Tag("div", ["class": "board"]) {
                for state in MilestoneState.allCases {
                    let cards = snapshot.milestones.filter { $0.state == state }
                    Tag("section", ["aria-labelledby": "column-\(state.rawValue)"]) {
                        Tag.text("h2", "\(state.label) (\(cards.count))", ["id": "column-\(state.rawValue)"])
                        Tag("ul", [:]) {
                            for milestone in cards {
                                Tag("li", [:]) {
                                    Tag.link(milestone.title, to: SiteURL.Engagements.engagement(id, .milestone(.value(milestone.id))).path)
                                    Tag.text("p", "Due \(DateText.day(milestone.dueAt)) · weight \(milestone.weight)", ["class": "meta"])
                                    if let latest = snapshot.versions(of: milestone).first {
                                        Tag.text("p", "Version \(latest.version)" + (latest.late ? " · late" : ""), ["class": latest.late ? "late" : "meta"])
                                    } else if DueDates.isLate(submittedAt: now, due: milestone.dueAt) {
                                        Tag.text("p", "Overdue", ["class": "late"])
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

/// One deliverable: its description, every version with files, links and feedback, and the
/// form for the next move (a new version, or feedback on the newest).
struct MilestonePage: Component {
    var snapshot: EngagementOverview
    var milestone: MilestoneRow
    var csrf: String
    var limits: UploadLimits
    var errors: [FieldError] = []
    var note = ""
    var now: Date
    /// The newest version's panel, for a manager while it waits for a decision.
    var decision: DecisionView?
    /// What the candidate reads of each decided version.
    var results: [SubmissionID: ResultView] = [:]
    /// The decision form's fields as sent, when it comes back with errors.
    var form: [String: String] = [:]

    var body: Component {
        let context = snapshot
        let id = context.id
        let versions = snapshot.versions(of: milestone)
        let latest = versions.first
        let opens = DueDates.startOfDay(snapshot.engagement.startDate)
        return ComponentGroup {
            EngagementHeader(engagement: snapshot.engagement, current: "", unread: snapshot.unreadMessages)
            Tag.text("h2", milestone.title)
            Tag.text("p", "\(milestone.state.label) · due \(DateText.day(milestone.dueAt)) · weight \(milestone.weight)", ["class": "meta"])
            if !milestone.description.isEmpty { Tag.text("p", milestone.description) }
            ErrorSummary(errors: errors)
            if context.may(.submitWork) && snapshot.engagement.state.allowsWork && (milestone.state == .open || milestone.state == .changesRequested) {
                if now < opens {
                    Tag.text("p", EngagementError.beforeStart(opens).description, ["class": "meta"])
                } else {
                    submitForm(id)
                }
            }
            if let latest, context.may(.giveFeedback) && latest.state == .submitted && snapshot.engagement.state.allowsWork {
                feedbackForm(id, latest)
            }
            Tag.text("h2", "Versions")
            if versions.isEmpty { Tag.text("p", "Nothing handed in yet.") }
            for version in versions {
                VersionView(engagementID: id, submission: version, result: results[version.id], reviewable: context.may(.giveFeedback))
            }
        }
    }

    private func submitForm(_ id: EngagementID) -> Component {
        // The upload is streamed, so its form token travels in the address, where it is checked
        // before the body is read.
        let action = SiteURL.Engagements.engagement(id, .submissions(.value(milestone.id))).path + "?\(CSRFMiddleware.fieldName)=\(csrf)"
        let form = Tag("form", attributes: [("action", action), ("method", "post"), ("enctype", "multipart/form-data")]) {
            TextAreaField(name: "note", label: "Note for the reviewer", value: note, error: errors.message("note"), rows: 3)
            Tag("div", ["class": "field"]) {
                Tag("label", ["for": "field-files"]) { Text("Files") }
                Tag.text("p", "Up to \(limits.filesPerSubmission) files of at most \(ByteCount.text(limits.perFile)) each and \(ByteCount.text(limits.perVersion)) together: PDF, images, Office or OpenDocument files, zip, text, CSV, Markdown or JSON.",
                         ["class": "hint", "id": "field-files-hint"])
                if let error = errors.message("files") { Tag.text("p", error, ["class": "error-text", "id": "field-files-error"]) }
                Tag(void: "input", [("id", "field-files"), ("name", "files[]"), ("type", "file"), ("multiple", ""),
                                    ("aria-describedby", "field-files-hint" + (errors.message("files") == nil ? "" : " field-files-error"))])
            }
            for index in 0..<3 {
                Field(name: "links.\(index)", label: "Link \(index + 1) to the work (https)", type: "url", error: errors.message("links.\(index)"), required: false)
            }
            Submit("Hand in this version")
        }
        return Tag("section", ["class": "panel", "aria-labelledby": "submit-title"]) {
            Tag.text("h2", milestone.state == .changesRequested ? "Hand in a new version" : "Hand in your work", ["id": "submit-title"])
            form
        }
    }

    private func feedbackForm(_ id: EngagementID, _ latest: VersionRow) -> Component {
        Tag("section", ["class": "panel", "aria-labelledby": "feedback-title"]) {
            Tag.text("h2", "Feedback on version \(latest.version)", ["id": "feedback-title"])
            if let decision {
                if decision.mustScore {
                    Tag.text("p", "Score the version against the rubric, then decide."
                             + (decision.panel.progressText.map { " \($0) You see their scorecards once yours is in." } ?? ""), ["class": "meta"])
                } else if decision.onPanelUnscored {
                    Tag("p", [:]) {
                        Text("You are on this version's panel: ")
                        Tag.link("hand in your scorecard", to: SiteURL.reviews(.review(.value(decision.submissionID))).path)
                        Text(" before you read the others'.")
                    }
                } else {
                    ReviewPanelSection(panel: decision.panel, id: "panel")
                }
            }
            PostForm(action: SiteURL.Engagements.engagement(id, .feedback(.value(latest.id))).path, csrf: csrf) {
                IdempotencyField()
                if let decision, decision.mustScore {
                    ReviewScoringFields(rubric: decision.panel.rubric, form: form, errors: errors)
                }
                SelectField(name: "decision", label: "Decision", options: [("accept", "Accept"), ("request_changes", "Request changes")],
                            selected: form["decision"] ?? "accept", error: errors.message("decision"))
                TextAreaField(name: "feedback", label: "Written feedback", value: form["feedback"] ?? "", error: errors.message("feedback"),
                              hint: "Required when you ask for changes: say what should change.", rows: 5)
                Submit(decision?.mustScore == true ? "Send scorecard and decision" : "Send feedback")
            }
        }
    }
}

/// One version of a deliverable with its files, links and the answer to it.
struct VersionView: Component {
    var engagementID: EngagementID
    var submission: VersionRow
    /// The rubric result, for the candidate once the version is decided.
    var result: ResultView?
    /// Whether to link the version's review page (the people who decide).
    var reviewable = false

    var body: Component {
        Tag("article", ["class": "panel", "aria-label": "Version \(submission.version)"]) {
            Tag.text("h3", "Version \(submission.version)")
            Tag("p", ["class": "meta"]) {
                Text("Sent \(DateText.short(submission.createdAt)) · \(submission.state.label)")
                if submission.late { Tag.text("span", " · late", ["class": "late"]) }
                if let turnaround = submission.turnaround { Text(" · answered in \(DurationText.short(turnaround))") }
            }
            if !submission.note.isEmpty { Tag.text("p", submission.note) }
            if !submission.files.isEmpty || !submission.links.isEmpty {
                Tag("ul", [:]) {
                    for file in submission.files {
                        Tag("li", [:]) {
                            Tag.link(file.name, to: SiteURL.Engagements.engagement(engagementID, .file(.value(file.id))).path)
                            Text(" · \(ByteCount.text(Int(file.size)))")
                        }
                    }
                    for link in submission.links {
                        Tag("li", [:]) { Tag.link(link, to: link, ["rel": "nofollow noopener noreferrer"]) }
                    }
                }
            }
            if !submission.feedback.isEmpty {
                Tag.text("h4", "Feedback")
                Tag.text("p", submission.feedback)
            }
            if let result { ReviewResultSection(result: result, version: submission.version) }
            if reviewable {
                Tag("p", [:]) { Tag.link("Scorecards of version \(submission.version)", to: SiteURL.reviews(.review(.value(submission.id))).path) }
            }
        }
    }
}

/// "3 h", "2 days": how long something took, roughly.
enum DurationText {
    static func short(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(max(minutes, 1)) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h" }
        return "\(hours / 24) days"
    }
}
