import Foundation
import Plot
import TryoutApp
import TryoutCore

/// A project's applicants for its organization: filter, sort, decide in bulk, screening switches.
struct ApplicantsPage: Component {
    var project: ScreenedProject
    var applicants: [ApplicantView]
    var state: ApplicationState?
    var sort: ApplicantSort
    var decides: Bool
    var readsFairness: Bool
    var csrf: String
    var errors: [FieldError]

    var body: Component {
        let id = project.id
        return ComponentGroup {
            Tag.text("h1", "Applicants: \(project.title)")
            Tag("p", ["class": "meta"]) {
                Tag.link("The brief", to: SiteURL.projects(.project(.value(id))).path)
                if decides {
                    Text(" · ")
                    Tag.link("People to invite", to: Self.link(id, .candidates))
                }
                if readsFairness {
                    Text(" · ")
                    Tag.link("Fairness report", to: Self.link(id, .fairness))
                }
            }
            if project.screening.blind {
                Tag.text("p", "Blind screening is on: names, contact details, schools, links and locations stay hidden until an applicant is "
                         + (project.screening.revealAt == .shortlist ? "shortlisted." : "offered a place."))
            }
            if let hours = applicants.lazy.compactMap(\.workingHours?.projectHours).first {
                Tag.text("p", "Time zones show each applicant's offset from UTC and how many hours of their working day fall within the project's (\(hours)).")
            }
            ErrorSummary(errors: errors)
            filters(id)
            if applicants.isEmpty {
                Tag.text("p", state == nil ? "No applications yet." : "No applications in this state.")
            } else if decides {
                PostForm(action: Self.link(id, .decide), csrf: csrf, label: "Decide on applicants") {
                    table(selectable: true)
                    decision
                }
            } else {
                table(selectable: false)
            }
            if decides { screening(id) }
        }
    }

    /// The address of one of the project's applicant pages or forms.
    static func link(_ id: ProjectID, _ part: SiteURL.Applications.ProjectPart) -> String {
        SiteURL.applications(.project(.value(id), part)).path
    }

    private func filters(_ id: ProjectID) -> Component {
        Tag("form", ["method": "get", "action": Self.link(id, .applicants), "class": "filters", "aria-label": "Filter applicants"]) {
            SelectField(name: "state", label: "Status", options: [("", "Any")] + ApplicationState.allCases.map { ($0.rawValue, $0.label) },
                        selected: state?.rawValue ?? "")
            SelectField(name: "sort", label: "Sort by", options: ApplicantSort.allCases.map { ($0.rawValue, $0.label) },
                        selected: sort.rawValue)
            Submit("Show", style: "secondary")
        }
    }

    private func table(selectable: Bool) -> Component {
        Tag("table", [:]) {
            Tag.text("caption", "\(applicants.count) applicant\(applicants.count == 1 ? "" : "s")")
            Tag("thead", [:]) {
                Tag("tr", [:]) {
                    if selectable { Tag.text("th", "Choose", ["scope": "col"]) }
                    for heading in ["Applicant", "Match", "Why", "Time zone", "Status", "Applied"] { Tag.text("th", heading, ["scope": "col"]) }
                }
            }
            Tag("tbody", [:]) {
                for applicant in applicants {
                    Tag("tr", [:]) {
                        if selectable {
                            Tag("td", [:]) {
                                Tag(void: "input", [("type", "checkbox"), ("name", "ids[]"), ("value", applicant.id.description),
                                                    ("id", "pick-\(applicant.id)"),
                                                    ("aria-label", "Choose \(applicant.displayName)")])
                            }
                        }
                        Tag("th", ["scope": "row"]) {
                            Tag.link(applicant.displayName, to: Self.link(project.id, .applicant(.value(applicant.id))))
                        }
                        Tag.text("td", "\(applicant.score.total)")
                        Tag.text("td", applicant.score.explanation.prefix(2).joined(separator: "; "))
                        Tag.text("td", applicant.workingHours?.summary ?? "")
                        Tag.text("td", applicant.state.label)
                        Tag.text("td", DateText.day(applicant.appliedAt))
                    }
                }
            }
        }
    }

    private var decision: Component {
        Tag("fieldset", [:]) {
            Tag.text("legend", "Decide on the chosen applicants")
            SelectField(name: "action", label: "Move to", options: Self.actions, selected: "shortlisted", error: errors.message("action"))
            TextAreaField(name: "message", label: "Message to the applicants (optional)", error: errors.message("message"),
                          hint: "Sent with the notification and the e-mail.", rows: 3)
            Submit("Apply to chosen")
        }
    }

    static let actions: [(value: String, label: String)] = [
        ("shortlisted", "Shortlist"), ("waitlisted", "Waiting list"), ("offered", "Offer a place"), ("rejected", "Not selected"),
    ]

    private func screening(_ id: ProjectID) -> Component {
        Tag("section", ["class": "panel", "aria-labelledby": "screening-title"]) {
            Tag.text("h2", "Screening settings", ["id": "screening-title"])
            if project.screening.blind {
                Tag.text("p", "Turning blind screening off shows who every applicant is, and they stay shown: you are asked to confirm first, "
                         + "and each reveal is recorded in the audit log.")
            }
            PostForm(action: Self.link(id, .screening), csrf: csrf) {
                CheckboxField(name: "blind", label: "Blind screening: hide who applied until the stage below", checked: project.screening.blind)
                SelectField(name: "revealAt", label: "Show names", options: RevealStage.allCases.map { ($0.rawValue, $0.label) },
                            selected: project.screening.revealAt.rawValue, error: errors.message("revealAt"))
                Field(name: "offerWindowDays", label: "Days a candidate has to answer an offer", type: "number",
                      value: String(project.screening.offerWindowDays), error: errors.message("offerWindowDays"),
                      extra: [("min", "1"), ("max", "30")])
                Submit("Save settings", style: "secondary")
            }
        }
    }
}

/// One applicant: the match and its reasons, skills, answers; who they are once revealed.
struct ApplicantPage: Component {
    var project: ScreenedProject
    var applicant: ApplicantView
    var decides: Bool
    var csrf: String
    var now: Date

    var body: Component {
        ComponentGroup {
            Tag.text("h1", applicant.displayName)
            Tag("p", ["class": "meta"]) {
                Text("\(applicant.state.label) · applied \(DateText.day(applicant.appliedAt)) · ")
                Tag.link("All applicants", to: ApplicantsPage.link(project.id, .applicants))
            }
            if let identity = applicant.identity {
                Tag("dl", ["class": "facts"]) {
                    fact("E-mail", identity.email)
                    if !identity.headline.isEmpty { fact("Headline", identity.headline) }
                    if !identity.location.isEmpty { fact("Location", identity.location) }
                    if !identity.education.isEmpty { fact("Education", identity.education) }
                    for link in identity.links + identity.portfolio {
                        Tag.text("dt", "Link")
                        Tag("dd", [:]) { Tag.link(link, to: link, ["rel": "nofollow noopener"]) }
                    }
                }
            } else {
                Tag.text("p", "Blind screening: who applied is shown once you move this application on.")
            }
            Tag("section", ["class": "panel", "aria-labelledby": "match-title"]) {
                Tag.text("h2", "Match: \(applicant.score.total) of 100", ["id": "match-title"])
                Tag("ul", [:]) {
                    for line in applicant.score.explanation { Tag.text("li", line) }
                    if !applicant.missing.isEmpty { Tag.text("li", "Missing required skills: " + applicant.missing.joined(separator: ", ")) }
                }
            }
            Tag("dl", ["class": "facts"]) {
                // Before the reveal only the offset: a zone's name says where the person lives.
                fact("Time zone", [applicant.identity?.timeZone, applicant.workingHours?.text].compactMap { $0 }.joined(separator: ", "))
                fact("Hours a week", String(applicant.hoursPerWeek))
                fact("Skills", applicant.skills.isEmpty ? "None listed" : applicant.skills.map { "\($0.label) (\($0.level) of 4, self-rated)" }.joined(separator: ", "))
            }
            if let accommodations = applicant.accommodations {
                Tag("section", ["class": "panel", "aria-labelledby": "accommodations-title"]) {
                    Tag.text("h2", "Accommodations", ["id": "accommodations-title"])
                    Tag.text("p", accommodations)
                }
            }
            Tag.text("h2", "Answers")
            Tag("dl", [:]) {
                for (question, answer) in applicant.answers {
                    Tag.text("dt", question)
                    Tag.text("dd", answer)
                }
                if !applicant.coverNote.isEmpty {
                    Tag.text("dt", "Cover note")
                    Tag.text("dd", applicant.coverNote)
                }
            }
            if decides { actions }
        }
    }

    private func fact(_ term: String, _ value: String) -> Component {
        ComponentGroup {
            Tag.text("dt", term)
            Tag.text("dd", value)
        }
    }

    private var actions: Component {
        let lapsed = applicant.offerExpiresAt.map { $0 <= now } ?? false
        let choices = ApplicantsPage.actions.filter { choice in
            guard let target = ApplicationState(rawValue: choice.value) else { return false }
            return (try? ApplicationLifecycle.check(from: applicant.state, to: target, by: .employer, offerExpired: lapsed)) != nil
        }
        return Tag("section", ["class": "panel", "aria-labelledby": "decide-title"]) {
            Tag.text("h2", "Decide", ["id": "decide-title"])
            if choices.isEmpty {
                Tag.text("p", "Nothing left to decide: the application is \(applicant.state.label.lowercased()).")
            } else {
                PostForm(action: ApplicantsPage.link(project.id, .decide), csrf: csrf) {
                    Tag(void: "input", [("type", "hidden"), ("name", "ids[]"), ("value", applicant.id.description)])
                    Tag(void: "input", [("type", "hidden"), ("name", "from"), ("value", "applicant")])
                    SelectField(name: "action", label: "Move to", options: choices, selected: choices[0].value)
                    TextAreaField(name: "message", label: "Message to the applicant (optional)", rows: 3)
                    Submit("Decide")
                }
            }
        }
    }
}

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

/// Discoverable candidates who match the project, by handle, with an invitation to apply.
struct PeopleToInvitePage: Component {
    var project: ScreenedProject
    var people: [PersonToInvite]
    var csrf: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "People to invite: \(project.title)")
            Tag.text("p", "Candidates who asked to be found, best match first. They are named by a code until they apply and you move them on.",
                     ["class": "lead"])
            if project.state != .published { Tag.text("p", "Publish the project to invite people to it.") }
            if people.isEmpty {
                Tag.text("p", "No discoverable candidate has the skills this project asks for yet.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Candidate", "Match", "Why", "Invite"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for person in people {
                            Tag("tr", [:]) {
                                Tag.text("th", person.handle, ["scope": "row"])
                                Tag.text("td", String(person.score.total))
                                Tag.text("td", person.score.explanation.joined(separator: "; "))
                                Tag("td", [:]) {
                                    if project.state == .published {
                                        PostForm(action: ApplicantsPage.link(project.id, .invite(.value(person.profileID))), csrf: csrf) {
                                            Submit("Invite", style: "secondary", detail: person.handle)
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
}
