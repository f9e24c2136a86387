import Foundation
import Plot
import TryoutCore

/// The brief form, for new projects and edits. It reads only its input, so a form sent back
/// with errors shows exactly what was typed.
struct BriefFormPage: Component {
    /// The employer the brief is for.
    struct Organization {
        var name: String
        var slug: String
    }

    /// The project being edited.
    struct Project {
        var id: ProjectID
        var title: String
        var state: ProjectState
    }

    var csrf: String
    var org: Organization
    var project: Project?
    var input: BriefInput
    var errors: [FieldError]
    var templateName: String?

    private func error(_ field: String) -> String? { errors.message(field) }

    var body: Component {
        let action = project.map { SiteURL.projects(.project(.value($0.id), .edit)).path } ?? SiteURL.projects(.organizationProjects(.value(org.slug))).path
        return ComponentGroup {
            Tag.text("h1", project == nil ? "New project for \(org.name)" : "Edit \(project!.title)")
            if project == nil { templates }
            if let project, project.state == .published {
                Tag.text("p", "This project is published. Changing its deliverables or rubric makes a new version for new applicants; people who already applied keep theirs.", ["class": "flash"])
            }
            ErrorSummary(errors: errors)
            PostForm(action: action, csrf: csrf) {
                basics
                workAndPay
                deliverables
                rubric
                skills
                audience
                terms
                internTest
                Submit(project == nil ? "Save draft" : "Save changes")
            }
            SkillSuggestions()
        }
    }

    private var templates: Component {
        Tag("section", ["aria-labelledby": "templates-title"]) {
            Tag.text("h2", templateName.map { "Started from the \($0) template" } ?? "Start from a template", ["id": "templates-title"])
            Tag("ul", ["class": "inline-list"]) {
                for template in BriefTemplates.all {
                    Tag("li", [:]) { Tag.link(template.name, to: SiteURL.projects(.newProject(.value(org.slug), template: template.id)).path) }
                }
            }
        }
    }

    private var basics: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "The brief")
            Field(name: "title", label: "Title", value: input["title"], error: error("title"))
            Field(name: "summary", label: "Summary", value: input["summary"], error: error("summary"), hint: "One sentence shown in search results.")
            TextAreaField(name: "body", label: "Brief (Markdown)", value: input["body"], error: error("body"),
                          hint: "One page: context, what to do, what good looks like. Headings, lists, links and emphasis work; HTML does not.", rows: 12)
        }
    }

    private var workAndPay: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Work and pay")
            Field(name: "estimatedHours", label: "Estimated hours", type: "number", value: input["estimatedHours"], error: error("estimatedHours"),
                  hint: "5 to 40.", extra: [("min", String(BriefInput.estimatedHours.lowerBound)), ("max", String(BriefInput.estimatedHours.upperBound))])
            Field(name: "durationWeeks", label: "Duration in weeks", type: "number", value: input["durationWeeks"], error: error("durationWeeks"),
                  hint: "1 to 8.", extra: [("min", "1"), ("max", "52")])
            Field(name: "slots", label: "Places", type: "number", value: input["slots"], error: error("slots"), extra: [("min", "1"), ("max", "100")])
            Field(name: "pay", label: "Pay for the whole project", value: input["pay"], error: error("pay"), hint: "For example 600.00.", autocomplete: "off")
            SelectField(name: "currency", label: "Currency", options: BriefInput.currencies.map { ($0, $0) }, selected: input["currency"],
                        error: error("currency"))
            SelectField(name: "classification", label: "Worker classification",
                        options: [("", "Choose…")] + WorkerClassification.allCases.map { ($0.rawValue, $0.label) },
                        selected: input["classification"], error: error("classification"))
            SelectField(name: "locationMode", label: "Where the work happens", options: LocationMode.allCases.map { ($0.rawValue, $0.label) },
                        selected: input["locationMode"])
            Field(name: "place", label: "Place (hybrid and on-site)", value: input["place"], error: error("place"), required: false)
            Field(name: "timeZone", label: "Team's time zone", value: input["timeZone"], error: error("timeZone"),
                  hint: "e.g. Europe/Berlin, for remote projects: the team's working hours are 9:00–17:00 there.", required: false,
                  autocomplete: "off", extra: [("list", "time-zones")])
            Tag("datalist", ["id": "time-zones"]) {
                for name in TimeZoneName.suggestions { Tag("option", ["value": name]) {} }
            }
            Field(name: "startDate", label: "Start date", type: "date", value: input["startDate"], error: error("startDate"), required: false)
            Field(name: "applicationDeadline", label: "Application deadline", type: "date", value: input["applicationDeadline"],
                  error: error("applicationDeadline"), required: false)
        }
    }

    private var deliverables: Component {
        let count = repeatedRows(filled: { !input["deliverable.\($0).title"].isEmpty }, maximum: BriefInput.maxDeliverables)
        return Tag("fieldset", ["id": "field-deliverables"]) {
            Tag.text("legend", "Deliverables")
            Tag.text("p", "What the candidate hands in, when, and how much each counts. Leave a row empty to skip it.", ["class": "hint"])
            for index in 0..<count {
                Tag("fieldset", ["class": "row"]) {
                    Tag.text("legend", "Deliverable \(index + 1)")
                    Field(name: "deliverable.\(index).title", label: "Title", value: input["deliverable.\(index).title"],
                          error: error("deliverable.\(index).title"), required: false)
                    Field(name: "deliverable.\(index).description", label: "Description", value: input["deliverable.\(index).description"], required: false)
                    Field(name: "deliverable.\(index).due", label: "Due, days after the start", type: "number", value: input["deliverable.\(index).due"],
                          error: error("deliverable.\(index).due"), required: false, extra: [("min", "0"), ("max", "365")])
                    Field(name: "deliverable.\(index).weight", label: "Weight (%)", type: "number", value: input["deliverable.\(index).weight"],
                          error: error("deliverable.\(index).weight"), required: false, extra: [("min", "0"), ("max", "100")])
                }
            }
        }
    }

    private var rubric: Component {
        let count = repeatedRows(filled: { !input["criterion.\($0).title"].isEmpty }, maximum: BriefInput.maxCriteria)
        return Tag("fieldset", ["id": "field-rubric"]) {
            Tag.text("legend", "Rubric")
            Tag.text("p", "The criteria reviewers score, fixed before anyone applies. Weights must add up to 100.", ["class": "hint"])
            for index in 0..<count {
                Tag("fieldset", ["class": "row"]) {
                    Tag.text("legend", "Criterion \(index + 1)")
                    Field(name: "criterion.\(index).title", label: "Criterion", value: input["criterion.\(index).title"],
                          error: error("criterion.\(index).title"), required: false)
                    Field(name: "criterion.\(index).weight", label: "Weight (%)", type: "number", value: input["criterion.\(index).weight"],
                          error: error("criterion.\(index).weight"), required: false, extra: [("min", "0"), ("max", "100")])
                    for level in 1...RubricCriterion.levelCount {
                        Field(name: "criterion.\(index).level\(level)", label: "Level \(level) looks like", value: input["criterion.\(index).level\(level)"],
                              required: false)
                    }
                }
            }
        }
    }

    private var skills: Component {
        let count = repeatedRows(filled: { !input["skill.\($0).label"].isEmpty }, maximum: BriefInput.maxSkills)
        return Tag("fieldset", [:]) {
            Tag.text("legend", "Skills (ESCO)")
            for index in 0..<count {
                SkillRow(index: index, label: input["skill.\(index).label"], level: input["skill.\(index).level"], errors: errors,
                         more: CheckboxField(name: "skill.\(index).required", label: "Required (otherwise nice to have)",
                                             checked: !input["skill.\(index).required"].isEmpty))
            }
        }
    }

    private var audience: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Who can find it")
            SelectField(name: "visibility", label: "Visibility",
                        options: [("public", "Everyone"), ("partners", "Only the partner organizations below"), ("invite_only", "Only people invited below")],
                        selected: input["visibility"])
            TextAreaField(name: "partners", label: "Partner organizations (one address per line, like lakeside-university)",
                          value: input["partners"], error: error("partners"), rows: 3)
            TextAreaField(name: "invitedEmails", label: "Invited people (one e-mail address per line)", value: input["invitedEmails"],
                          error: error("invitedEmails"), rows: 3)
        }
    }

    private var terms: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Agreements, questions and accommodations")
            Tag("div", ["id": "field-agreements"]) {
                if let message = error("agreements") { Tag.text("p", message, ["class": "error-text"]) }
                for kind in AgreementKind.allCases {
                    CheckboxField(name: "agreement.\(kind.rawValue)", label: kind.label, checked: !input["agreement.\(kind.rawValue)"].isEmpty)
                }
            }
            TextAreaField(name: "screeningQuestions", label: "Screening questions (one per line)", value: input["screeningQuestions"],
                          error: error("screeningQuestions"), rows: 3)
            TextAreaField(name: "accommodations", label: "Accommodations statement", value: input["accommodations"],
                          hint: "How candidates can ask for adjustments.", rows: 3)
        }
    }

    private var internTest: Component {
        Tag("fieldset", ["id": "field-internTest"]) {
            Tag.text("legend", "Unpaid internships only: the primary-beneficiary test")
            Tag.text("p", "Leave this empty for paid work. An unpaid intern project is published only when these seven factors (US Department of Labor Fact Sheet #71) show the intern is the primary beneficiary.", ["class": "hint"])
            for factor in InternTest.Factor.allCases {
                Tag("fieldset", ["class": "row"]) {
                    Tag.text("legend", "Factor \(factor.rawValue)")
                    SelectField(name: "intern.\(factor.rawValue).holds", label: factor.question,
                                options: [("", "Not answered"), ("yes", "Yes"), ("no", "No")], selected: input["intern.\(factor.rawValue).holds"])
                    TextAreaField(name: "intern.\(factor.rawValue).why", label: "Why (factor \(factor.rawValue))",
                                  value: input["intern.\(factor.rawValue).why"], rows: 2)
                }
            }
        }
    }
}

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

    var org: BriefFormPage.Organization
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
