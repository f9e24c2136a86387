import Foundation
import Plot
import TryoutApp
import TryoutCore

/// `/engagements/:id/evaluation`: for the manager, the facts from the record and the evaluation
/// form; for the candidate, the result and summary, and the exit survey until answered.
struct EvaluationPage: Component {
    var model: EvaluationViewModel
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Final evaluation: \(model.title)")
            Tag("p", [:]) { Tag.link("Back to the engagement", to: SiteURL.Engagements.engagement(model.engagementID).path) }
            ErrorSummary(errors: errors)
            signals
            recorded
            if model.mayEvaluate { evaluationForm }
            if model.mayAnswerSurvey { surveyForm } else if model.surveyAnswered { Tag.text("p", "Thank you: your exit survey is in.", ["class": "meta"]) }
        }
    }

    private var signals: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "signals-title"]) {
            Tag.text("h2", "From the record", ["id": "signals-title"])
            Tag("dl", ["class": "facts"]) {
                for (term, value) in model.facts {
                    Tag.text("dt", term)
                    Tag.text("dd", value)
                }
            }
        }
    }

    private var recorded: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "recorded-title"]) {
            Tag.text("h2", "The evaluation", ["id": "recorded-title"])
            if let result = model.recorded {
                Tag.text("p", "Overall result: \(result.overallScore) out of 100" + (result.reason.isEmpty ? "" : " (\(result.reason))"))
                if let judgement = result.judgement { Tag.text("p", judgement) }
                Tag.text("p", result.summary, ["class": "lines"])
            } else {
                Tag.text("p", model.mayEvaluate || model.isManager ? "Not recorded yet." : "Your manager has not recorded it yet.")
            }
        }
    }

    private var evaluationForm: Component {
        let value = { (key: String, fallback: String) in form[key] ?? fallback }
        return Tag("section", ["class": "panel", "aria-labelledby": "evaluate-title"]) {
            Tag.text("h2", model.recorded == nil ? "Record the evaluation" : "Change the evaluation", ["id": "evaluate-title"])
            PostForm(action: SiteURL.evaluations(.evaluation(.value(model.engagementID))).path, csrf: csrf) {
                Field(name: "overallScore", label: "Overall result (0 to 100)", type: "number",
                      value: value("overallScore", model.recorded.map { String($0.overallScore) } ?? model.computedScore.map(String.init) ?? ""),
                      error: errors.message("overallScore"),
                      hint: model.computedScore.map { "The accepted versions' scorecards give \($0). Change it only with a reason." },
                      extra: [("min", "0"), ("max", "100")])
                TextAreaField(name: "reason", label: "Why it differs from the scorecards (if it does)", value: value("reason", model.recorded?.reason ?? ""),
                              error: errors.message("reason"), rows: 2)
                ChoiceGroup(legend: "Hire recommendation", name: "recommendation", type: "radio", error: errors.message("recommendation"),
                            choices: HireRecommendation.allCases.map { ($0.rawValue, $0.label, value("recommendation", model.recorded?.recommendation ?? "") == $0.rawValue) })
                ChoiceGroup(legend: "Your satisfaction with the work (1 to 5)", name: "satisfaction", type: "radio", error: errors.message("satisfaction"),
                            choices: oneToFive(checked: value("satisfaction", model.recorded?.satisfaction ?? "")))
                TextAreaField(name: "summary", label: "Summary for the candidate", value: value("summary", model.recorded?.summary ?? ""),
                              error: errors.message("summary"), hint: "The candidate reads this, and the overall result; never the recommendation.", rows: 5)
                Submit(model.recorded == nil ? "Record the evaluation" : "Save the evaluation")
            }
        }
    }

    /// The choices of a scale from 1 to 5, `checked` the one chosen. (Written inline in a form,
    /// the closure's tuple took the compiler seconds to infer.)
    private func oneToFive(checked: String?) -> [(value: String, label: String, checked: Bool)] {
        (1...5).map { number -> (value: String, label: String, checked: Bool) in
            let value = String(number)
            return (value, value, value == checked)
        }
    }

    private var surveyForm: Component {
        Tag("section", ["class": "panel", "aria-labelledby": "survey-title"]) {
            Tag.text("h2", "Exit survey", ["id": "survey-title"])
            Tag.text("p", "Once. The employer never sees your answers alone: only averages of at least \(SurveySummary.minimumResponses) candidates' answers.")
            PostForm(action: SiteURL.evaluations(.survey(.value(model.engagementID))).path, csrf: csrf) {
                for question in ExitSurveyInput.questions {
                    ChoiceGroup(legend: "\(question.text) (1 to 5)", name: question.key, type: "radio", error: errors.message(question.key),
                                choices: oneToFive(checked: form[question.key]))
                }
                TextAreaField(name: "comment", label: "Anything else (optional)", value: form["comment"] ?? "", error: errors.message("comment"), rows: 3)
                Submit("Send the survey")
            }
        }
    }
}

/// `/orgs/:slug/surveys`: what candidates said on leaving, only as averages of enough answers.
struct SurveysPage: Component {
    var report: SurveyReport

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Exit surveys: \(report.organization.name)")
            Tag.text("p", "Averages from 1 to 5, shown from \(SurveySummary.minimumResponses) answers so that no candidate's answers stand alone. "
                     + "\(report.responses) \(report.responses == 1 ? "candidate has" : "candidates have") answered so far.")
            if let overall = report.overall {
                SurveyTable(caption: "All projects (\(overall.responses) answers)", summary: overall)
            } else {
                Tag.text("p", "Not enough answers yet to show.")
            }
            for project in report.projects {
                SurveyTable(caption: "\(project.title) (\(project.summary.responses) answers)", summary: project.summary)
            }
        }
    }
}

struct SurveyTable: Component {
    var caption: String
    var summary: SurveySummary

    var body: Component {
        ScrollRegion(label: caption) {
            Tag("table", [:]) {
                Tag.text("caption", caption)
                Tag("thead", [:]) { Tag("tr", [:]) { Tag.text("th", "Question", ["scope": "col"]); Tag.text("th", "Average", ["scope": "col"]) } }
                Tag("tbody", [:]) {
                    for (question, mean) in zip(ExitSurveyInput.questions, summary.means) {
                        Tag("tr", [:]) {
                            Tag.text("th", question.text, ["scope": "row"])
                            Tag.text("td", String(format: "%.1f", mean), ["data-label": "Average"])
                        }
                    }
                }
            }
        }
    }
}
