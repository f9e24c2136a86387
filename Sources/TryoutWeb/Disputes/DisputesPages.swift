import Foundation
import Plot
import TryoutApp
import TryoutCore

/// `/engagements/:id/disputes`: the engagement's disputes and the form to open one.
struct EngagementDisputesPage: Component {
    var engagementID: EngagementID
    var title: String
    var rows: [DisputeRow]
    var sentBack: [(id: SubmissionID, label: String)]
    var evidence: [DisputeEvidenceItem]
    var form: DisputeForm
    var csrf: String
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Disputes on “\(title)”")
            Tag("p", [:]) { Tag.link("Back to the engagement", to: SiteURL.Engagements.engagement(.value(engagementID)).path) }
            Tag.text("p", "When you cannot agree on a decision about a version, an early ending or the amount owed, open a dispute. "
                     + "The other side answers within \(DisputeRules.responseDays) working days; then a platform admin decides. There are no fees.")
            DisputeTable(rows: rows, caption: "Disputes in this engagement", showsEngagement: false)
            openForm
        }
    }

    private var openForm: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "open-title"]) {
            Tag.text("h2", "Open a dispute", ["id": "open-title"])
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.disputes(.engagement(.value(engagementID))).path, csrf: csrf) {
                ChoiceGroup(legend: "What is it about?", name: "subject", type: "radio", error: errors.message("subject"),
                            choices: DisputeSubject.allCases.map { ($0.rawValue, $0.label, form.subject == $0.rawValue) })
                if sentBack.isEmpty {
                    Tag.text("p", "No version was sent back for changes, so no decision on a version can be disputed.", ["class": "hint"])
                } else {
                    SelectField(name: "submissionID", label: "The version (for a decision on a version)",
                                options: [("", "None")] + sentBack.map { ($0.id.description, $0.label) }, selected: form.submissionID,
                                error: errors.message("submissionID"))
                }
                TextAreaField(name: "statement", label: "Your statement", value: form.statement, error: errors.message("statement"),
                              hint: "What happened, and what you ask for. At most \(DisputeInput.maxStatement) characters.", rows: 6)
                if !evidence.isEmpty {
                    ChoiceGroup(legend: "Evidence from this engagement (linked, not copied)", name: "evidence[]", field: "evidence", type: "checkbox",
                                error: errors.message("evidence"),
                                choices: evidence.map { (DisputeForm.value($0.evidence), $0.title, form.evidence.contains(DisputeForm.value($0.evidence))) })
                }
                Submit("Open the dispute")
            }
        }
    }
}

/// Disputes as a table, for an engagement's two sides or the platform's admins.
struct DisputeTable: Component {
    var rows: [DisputeRow]
    var caption: String
    var showsEngagement: Bool
    var now = Date()

    var body: Component {
        if rows.isEmpty { return Tag.text("p", "No disputes.") }
        let headings = (showsEngagement ? ["Engagement"] : []) + ["About", "Opened by", "Opened", "State"]
        return ScrollRegion(label: caption) {
            Tag("table", [:]) {
                Tag.text("caption", caption)
                Tag("thead", [:]) { Tag("tr", [:]) { for heading in headings { Tag.text("th", heading, ["scope": "col"]) } } }
                Tag("tbody", [:]) {
                    for row in rows {
                        Tag("tr", [:]) {
                            if showsEngagement { Tag.text("td", "\(row.projectTitle) · \(row.candidateName) · \(row.organizationName)", ["data-label": "Engagement"]) }
                            Tag("td", ["data-label": "About"]) { Tag.link(row.subject.label, to: SiteURL.disputes(.dispute(.value(row.id))).path) }
                            Tag.text("td", row.openedSide.label, ["data-label": "Opened by"])
                            Tag.text("td", showsEngagement ? "\(DateText.short(row.openedAt)) (\(DurationText.short(now.timeIntervalSince(row.openedAt))))"
                                                           : DateText.short(row.openedAt), ["data-label": "Opened"])
                            Tag.text("td", row.standing, ["data-label": "State"])
                        }
                    }
                }
            }
        }
    }
}

/// `/disputes/:id`: the statement and evidence, the answer, the decision, and the forms the
/// reader may use now.
struct DisputePage: Component {
    var detail: DisputeDetail
    var csrf: String
    var answer = ""
    var decision: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        let row = detail.row
        return ComponentGroup {
            Tag.text("h1", "Dispute: \(row.subject.label.lowercased())")
            Tag.text("p", "\(row.projectTitle) · \(row.candidateName) · \(row.organizationName) · \(row.standing)", ["class": "meta"])
            if detail.readerSide != nil {
                Tag("p", [:]) { Tag.link("All disputes in this engagement", to: SiteURL.disputes(.engagement(.value(detail.engagementID))).path) }
            } else {
                Tag("p", [:]) { Tag.link("All open disputes", to: SiteURL.disputes(.desk).path) }
            }
            ErrorSummary(errors: errors)
            statement
            answerSection
            decisionSection
            if detail.mayWithdraw {
                PostForm(action: SiteURL.disputes(.dispute(.value(row.id), .withdraw)).path, csrf: csrf, label: "Withdraw the dispute") {
                    Submit("Withdraw the dispute", style: "secondary")
                }
            }
        }
    }

    private var statement: Component {
        let row = detail.row
        return Tag("section", ["class": "panel", "aria-labelledby": "statement-title"]) {
            Tag.text("h2", "Statement of the \(row.openedSide.label.lowercased())", ["id": "statement-title"])
            Tag.text("p", "\(detail.openedBy), \(DateText.short(row.openedAt))" + (detail.versionLabel.map { ", about \($0)" } ?? ""), ["class": "meta"])
            Tag.text("p", detail.statement, ["class": "lines"])
            Tag.text("h3", "Evidence")
            if detail.evidence.isEmpty {
                Tag.text("p", "None linked.")
            } else {
                Tag("ul", [:]) {
                    for item in detail.evidence {
                        Tag("li", [:]) {
                            Tag.text("strong", item.title)
                            if !item.text.isEmpty { Tag.text("p", item.text, ["class": "lines"]) }
                        }
                    }
                }
            }
        }
    }

    private var answerSection: Component {
        let row = detail.row
        return Tag("section", ["class": "panel", "aria-labelledby": "answer-title"]) {
            Tag.text("h2", "Answer of the \(row.openedSide == .candidate ? "employer" : "candidate")", ["id": "answer-title"])
            if let answer = detail.answer {
                Tag.text("p", "\(detail.answeredBy ?? "Someone who has left"), \(detail.answeredAt.map(DateText.short) ?? "")", ["class": "meta"])
                Tag.text("p", answer, ["class": "lines"])
            } else if row.state == .awaitingResponse {
                Tag.text("p", "Due by \(DateText.short(detail.answerDue)). Without an answer by then, a platform admin decides on the statement alone.")
            } else {
                Tag.text("p", "No answer was given.")
            }
            if detail.mayAnswer {
                PostForm(action: SiteURL.disputes(.dispute(.value(row.id), .answer)).path, csrf: csrf) {
                    TextAreaField(name: "answer", label: "Your answer", value: answer, error: errors.message("answer"),
                                  hint: "Your side of it, once. At most \(DisputeInput.maxStatement) characters.", rows: 6)
                    Submit("Send the answer")
                }
            }
        }
    }

    private var decisionSection: Component {
        let row = detail.row
        return Tag("section", ["class": "panel", "aria-labelledby": "decision-title"]) {
            Tag.text("h2", "Decision", ["id": "decision-title"])
            if let outcome = row.outcome {
                Tag.text("p", outcome.label + (detail.sharePercent.map { ": \($0)% of the deliverable's pay" } ?? "")
                         + (detail.reviewerName.map { ", reviewed again by \($0)" } ?? ""))
                Tag.text("p", "\(detail.decidedAt.map(DateText.short) ?? "")", ["class": "meta"])
                if let note = detail.decisionNote { Tag.text("p", note, ["class": "lines"]) }
            } else if row.state == .withdrawn {
                Tag.text("p", "Withdrawn by the \(row.openedSide.label.lowercased()).")
            } else if row.state == .awaitingDecision {
                Tag.text("p", "Both sides have spoken; a platform admin decides next.")
            } else {
                Tag.text("p", "A platform admin decides once the answer is in, or after \(DateText.short(detail.answerDue)).")
            }
            if detail.mayDecide { decisionForm }
        }
    }

    private var decisionForm: Component {
        PostForm(action: SiteURL.disputes(.dispute(.value(detail.row.id), .decision)).path, csrf: csrf) {
            IdempotencyField()
            ChoiceGroup(legend: "Outcome", name: "outcome", type: "radio", error: errors.message("outcome"),
                        choices: detail.outcomes.map { ($0.rawValue, $0.label, decision["outcome"] == $0.rawValue) })
            Field(name: "sharePercent", label: "Share of the deliverable's pay, for a partial decision (percent)", type: "number",
                  value: decision["sharePercent"] ?? "", error: errors.message("sharePercent"), required: false,
                  extra: [("min", "\(DisputeDecisionInput.shares.lowerBound)"), ("max", "\(DisputeDecisionInput.shares.upperBound)")])
            if !detail.reviewers.isEmpty {
                SelectField(name: "reviewerID", label: "Who reviews the version again, for a re-review (members who have not seen it)",
                            options: [("", "Nobody chosen")] + detail.reviewers.map { ($0.id.description, $0.name) },
                            selected: decision["reviewerID"] ?? "", error: errors.message("reviewerID"))
            }
            TextAreaField(name: "note", label: "Reasons (both sides read them)", value: decision["note"] ?? "", error: errors.message("note"), rows: 5)
            Submit("Decide")
        }
    }
}

/// `/admin/disputes`: the open disputes, oldest first with their age, and the median time to a decision.
struct DisputeDeskPage: Component {
    var rows: [DisputeRow]
    var decidedLastYear: Int
    var medianTimeToDecision: TimeInterval?
    var now: Date

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Disputes")
            Tag.text("p", medianTimeToDecision.map { "Median time from opening to decision: \(DurationText.short($0)), over \(decidedLastYear) decided in the last year." }
                     ?? "No dispute was decided in the last year.")
            DisputeTable(rows: rows, caption: "Open disputes, oldest first", showsEngagement: true, now: now)
        }
    }
}
