import Foundation
import Plot
import TryoutCore

/// The brief editor, one step at a time: the step's fields, the steps to move between, and
/// beside them what publishing still needs. It reads only its input, so a step sent back with
/// errors shows exactly what was typed.
struct BriefEditorPage: Component {
    /// The employer the brief is for.
    struct Organization {
        var name: String
        var slug: String
    }

    /// The project being edited, with its publishing checks; absent while a new brief has no draft yet.
    struct Project {
        var id: ProjectID
        var title: String
        var state: ProjectState
        var lint: LintReport
    }

    var csrf: String
    var org: Organization
    var project: Project?
    var step: BriefStep
    var input: BriefInput
    var errors: [FieldError]
    /// The template a new brief starts from: its id is sent with the first step.
    var template: (id: String, name: String)?
    /// Partner organizations to share the brief with, by name (the audience step).
    var partners: [(name: String, slug: String)] = []
    /// "Did you mean" skills for refused skill fields, by field name.
    var choices: [String: [String]] = [:]

    private func error(_ field: String) -> String? { errors.message(field) }

    var body: Component {
        ComponentGroup {
            Tag.text("h1", project.map { "Edit \($0.title)" } ?? "New project for \(org.name)")
            steps
            Tag("div", ["class": "editor"]) {
                Tag("div", [:]) {
                    if project?.state == .published {
                        Tag.text("p", "This project is published. Changing its deliverables or rubric makes a new version for new applicants; people who already applied keep theirs.", ["class": "flash"])
                    }
                    if project == nil { templates }
                    ErrorSummary(errors: errors)
                    PostForm(action: action, csrf: csrf) {
                        if let template { Tag(void: "input", [("type", "hidden"), ("name", "template"), ("value", template.id)]) }
                        if !choices.isEmpty { DefaultSubmit(title: submitTitle) }
                        fields
                        Submit(submitTitle)
                    }
                    if step == .skills { SkillSuggestions() }
                }
                // A region of the page rather than an <aside>: a complementary landmark belongs at the top level, not inside <main>.
                Tag("div", ["class": "editor-side"]) {
                    if let project {
                        PublishingPanel(projectID: project.id, state: project.state, lint: project.lint, csrf: csrf, inEditor: true)
                    } else {
                        Tag("div", ["class": "panel"]) {
                            Tag.text("h2", "Publishing")
                            Tag.text("p", "Save this step to keep a draft. Then the other steps open, and this panel lists what publishing still needs.")
                        }
                    }
                }
            }
        }
    }

    private var submitTitle: String {
        step.next.map { "Save and continue to \($0.title.lowercased())" } ?? "Save and finish"
    }

    private var action: String {
        project.map { SiteURL.projects(.editStep(.value($0.id), .value(step))).path } ?? SiteURL.projects(.organizationProjects(.value(org.slug))).path
    }

    /// The steps in order; each opens once a draft exists. The current one is marked for screen readers.
    private var steps: Component {
        Tag("nav", ["aria-label": "Brief steps"]) {
            Tag("ol", ["class": "steps"]) {
                for (number, each) in BriefStep.allCases.enumerated() {
                    Tag("li", [:]) {
                        let name = "\(number + 1). \(each.title)"
                        if each == step {
                            Tag.text("span", name, ["aria-current": "step"])
                        } else if let project {
                            Tag.link(name, to: SiteURL.projects(.editStep(.value(project.id), .value(each))).path)
                        } else {
                            Tag.text("span", name, ["class": "later"])
                        }
                    }
                }
            }
        }
    }

    private var fields: Component {
        switch step {
        case .basics: basics
        case .work: ComponentGroup { deliverables; rubric }
        case .skills: skills
        case .terms: ComponentGroup { workAndPay; terms; internTest }
        case .audience: audience
        case .screening: screening
        }
    }

    private var templates: Component {
        Tag("section", ["aria-labelledby": "templates-title"]) {
            Tag.text("h2", template.map { "Started from the \($0.name) template" } ?? "Start from a template", ["id": "templates-title"])
            Tag("ul", ["class": "inline-list"]) {
                for template in BriefTemplates.all {
                    Tag("li", [:]) { Tag.link(template.name, to: SiteURL.projects(.newProject(.value(org.slug), template: template.id)).path) }
                }
            }
        }
    }

    private var basics: Component {
        ComponentGroup {
        Tag("fieldset", [:]) {
            Tag.text("legend", "The brief")
            Field(name: "title", label: "Title", value: input["title"], error: error("title"))
            Field(name: "summary", label: "Summary", value: input["summary"], error: error("summary"), hint: "One sentence shown in search results.")
            TextAreaField(name: "body", label: "Brief (Markdown)", value: input["body"], error: error("body"),
                          hint: "One page: context, what to do, what good looks like. Headings, lists, links and emphasis work; HTML does not.", rows: 12)
        }
        Tag("fieldset", [:]) {
            Tag.text("legend", "Time and places")
            Field(name: "estimatedHours", label: "Estimated hours", type: "number", value: input["estimatedHours"], error: error("estimatedHours"),
                  hint: "5 to 40.", extra: [("min", String(BriefInput.estimatedHours.lowerBound)), ("max", String(BriefInput.estimatedHours.upperBound))])
            Field(name: "durationWeeks", label: "Duration in weeks", type: "number", value: input["durationWeeks"], error: error("durationWeeks"),
                  hint: "1 to 8.", extra: [("min", "1"), ("max", "52")])
            Field(name: "slots", label: "Places", type: "number", value: input["slots"], error: error("slots"), extra: [("min", "1"), ("max", "100")])
            Field(name: "startDate", label: "Start date", type: "date", value: input["startDate"], error: error("startDate"), required: false)
            Field(name: "applicationDeadline", label: "Application deadline", type: "date", value: input["applicationDeadline"],
                  error: error("applicationDeadline"), required: false)
        }
        }
    }

    private var workAndPay: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Pay and place")
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
        }
    }

    private var deliverables: Component {
        numberedRows(id: "field-deliverables", legend: "Deliverables", row: "Deliverable", prefix: "deliverable", maximum: BriefInput.maxDeliverables,
                     hint: "What the candidate hands in, when, and how much each counts. Leave a row empty to skip it.") { index in
            Field(name: "deliverable.\(index).title", label: "Title", value: input["deliverable.\(index).title"],
                  error: error("deliverable.\(index).title"), required: false)
            Field(name: "deliverable.\(index).description", label: "Description", value: input["deliverable.\(index).description"], required: false)
            Field(name: "deliverable.\(index).due", label: "Due, days after the start", type: "number", value: input["deliverable.\(index).due"],
                  error: error("deliverable.\(index).due"), required: false, extra: [("min", "0"), ("max", "365")])
            Field(name: "deliverable.\(index).weight", label: "Weight (%)", type: "number", value: input["deliverable.\(index).weight"],
                  error: error("deliverable.\(index).weight"), required: false, extra: [("min", "0"), ("max", "100")])
        }
    }

    private var rubric: Component {
        numberedRows(id: "field-rubric", legend: "Rubric", row: "Criterion", prefix: "criterion", maximum: BriefInput.maxCriteria,
                     hint: "The criteria reviewers score, fixed before anyone applies. Weights must add up to 100.") { index in
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

    /// A fieldset of numbered rows (`prefix.N.title` filled, plus room for two more), each a fieldset of its own.
    private func numberedRows(id: String, legend: String, row: String, prefix: String, maximum: Int, hint: String,
                              @ComponentBuilder fields: (Int) -> Component) -> Component {
        let count = repeatedRows(filled: { !input["\(prefix).\($0).title"].isEmpty }, maximum: maximum)
        return Tag("fieldset", ["id": id]) {
            Tag.text("legend", legend)
            Tag.text("p", hint, ["class": "hint"])
            for index in 0..<count {
                Tag("fieldset", ["class": "row"]) {
                    Tag.text("legend", "\(row) \(index + 1)")
                    fields(index)
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
                         choices: choices["skill.\(index).label"] ?? [],
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
            partnerChoices
            TextAreaField(name: "invitedEmails", label: "Invited people (one e-mail address per line)", value: input["invitedEmails"],
                          error: error("invitedEmails"), rows: 3)
        }
    }

    private var terms: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Agreements and accommodations")
            Tag("div", ["id": "field-agreements"]) {
                if let message = error("agreements") { Tag.text("p", message, ["class": "error-text"]) }
                for kind in AgreementKind.allCases {
                    CheckboxField(name: "agreement.\(kind.rawValue)", label: kind.label, checked: !input["agreement.\(kind.rawValue)"].isEmpty)
                }
            }
            TextAreaField(name: "accommodations", label: "Accommodations statement", value: input["accommodations"],
                          hint: "How candidates can ask for adjustments.", rows: 3)
        }
    }

    /// Partners are ticked by name; the brief stores their addresses.
    private var partnerChoices: Component {
        let chosen = input.partnerSlugs
        return Tag("fieldset", ["id": "field-partners", "class": "row"]) {
            Tag.text("legend", "Partner organizations")
            if let message = error("partners") { Tag.text("p", message, ["class": "error-text"]) }
            if partners.isEmpty {
                Tag.text("p", "No partner organizations have joined yet.", ["class": "hint"])
            }
            for partner in partners {
                CheckboxField(name: BriefStep.partnerPrefix + partner.slug, label: partner.name, checked: chosen.contains(partner.slug))
            }
        }
    }

    private var screening: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Screening")
            TextAreaField(name: "screeningQuestions", label: "Screening questions (one per line)", value: input["screeningQuestions"],
                          error: error("screeningQuestions"), hint: "Up to 10 short questions applicants answer when they apply.", rows: 5)
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
