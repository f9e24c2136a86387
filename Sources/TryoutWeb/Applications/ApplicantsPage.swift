import Foundation
import Plot
import TryoutApp
import TryoutCore

/// A project's applicants for its organization: filter, sort, decide in bulk, screening switches.
/// A popular project draws hundreds, so they are shown a page of `pageSize` at a time.
struct ApplicantsPage: Component {
    static let pageSize = RankedApplicants.pageSize

    var project: ScreenedProject
    /// This page of the applicants, rendered.
    var table: ApplicantTable
    var state: ApplicationState?
    var sort: ApplicantSort
    var decides: Bool
    var readsFairness: Bool
    var readsCalibration: Bool
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
                if readsCalibration {
                    Text(" · ")
                    Tag.link("Reviewer calibration", to: SiteURL.calibrations(.project(.value(id))).path)
                }
            }
            if project.screening.blind {
                Tag.text("p", "Blind screening is on: names, contact details, schools, links and locations stay hidden until an applicant is "
                         + (project.screening.revealAt == .shortlist ? "shortlisted." : "offered a place."))
            }
            if let hours = table.projectHours {
                Tag.text("p", "Time zones show each applicant's offset from UTC and how many hours of their working day fall within the project's (\(hours)).")
            }
            ErrorSummary(errors: errors)
            filters(id)
            if table.shown == 0 {
                Tag.text("p", state == nil ? "No applications yet." : "No applications in this state.")
            } else if decides {
                PostForm(action: Self.link(id, .decide), csrf: csrf, label: "Decide on applicants") {
                    Node<HTML.BodyContext>.raw(table.html)
                    decision
                }
            } else {
                Node<HTML.BodyContext>.raw(table.html)
            }
            pager(id)
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

    private var first: Int { (table.number - 1) * Self.pageSize + 1 }

    /// Links to the neighbouring pages, keeping the filter and the order.
    private func pager(_ id: ProjectID) -> Component {
        func link(_ number: Int) -> String {
            var query = ["sort=\(sort.rawValue)", "page=\(number)"]
            if let state { query.insert("state=\(state.rawValue)", at: 0) }
            return Self.link(id, .applicants) + "?" + query.joined(separator: "&")
        }
        let (page, total) = (table.number, table.total)
        let hasNext = first + table.shown - 1 < total
        return ComponentGroup {
            if page > 1 || hasNext {
                Tag("nav", ["aria-label": "Pages of applicants", "class": "pager"]) {
                    if page > 1 { Tag.link("Previous \(Self.pageSize)", to: link(page - 1), ["rel": "prev"]) }
                    if page > 1 && hasNext { Text(" · ") }
                    if hasNext { Tag.link("Next \(min(Self.pageSize, total - first - table.shown + 1))", to: link(page + 1), ["rel": "next"]) }
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
