import Foundation
import Plot
import TryoutApp
import TryoutCore
import Vapor

/// One page of a project's applicants list as a rendered table, with what the page around it
/// needs to know of it. Building it costs seven statements, a match for each row and 35 KB of
/// HTML, so each process keeps it (`ApplicantTables`) until the project's list version moves.
struct ApplicantTable: Sendable {
    /// The `<table>`, or nothing when the page has no applicants.
    var html: String
    /// Applicants in the whole list.
    var total: Int
    /// This page's number, from 1.
    var number: Int
    /// Applicants on this page.
    var shown: Int
    /// The project's working hours, when a row measured an overlap with them.
    var projectHours: String?
}

/// The tables kept, by what makes one differ from another.
typealias ApplicantTables = KeptByVersion<ApplicantTableKey, ApplicantTable>

extension Application {
    var applicantTables: ApplicantTables { kept() }
}

/// Everything a table depends on besides its project's list version.
struct ApplicantTableKey: Hashable, Sendable {
    var project: ProjectID
    var states: [ApplicationState]
    var sort: ApplicantSort
    var page: Int
    /// Reviewers cannot choose rows; everyone else who may see the list can.
    var selectable: Bool
    /// Names show or not as the project's screening says, which is the project's, not the list's.
    var blind: Bool
    /// The working hours' overlap is measured on the day of the view, as clocks change.
    var day: Int

    init(project: ProjectID, states: [ApplicationState], sort: ApplicantSort, page: Int, selectable: Bool, blind: Bool, on now: Date) {
        (self.project, self.states, self.sort, self.page, self.selectable, self.blind) = (project, states, sort, page, selectable, blind)
        day = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}

extension ApplicantTable {
    /// With `selectable`, each row has a box to choose it by for a decision.
    init(_ page: RankedApplicants.Page, of project: ProjectID, selectable: Bool) {
        total = page.total
        number = page.number
        shown = page.applicants.count
        projectHours = page.applicants.lazy.compactMap(\.workingHours?.projectHours).first
        html = page.applicants.isEmpty ? "" : PageWriter.html(Rows(project: project, applicants: page.applicants, total: total,
                                                                    first: (number - 1) * RankedApplicants.pageSize + 1, selectable: selectable))
    }

    private struct Rows: Component {
        var project: ProjectID
        var applicants: [ApplicantRow]
        var total: Int
        var first: Int
        var selectable: Bool

        var body: Component {
            Tag("table", [:]) {
                Tag.text("caption", caption)
                Tag("thead", [:]) {
                    Tag("tr", [:]) {
                        if selectable { Tag.text("th", "Choose", ["scope": "col"]) }
                        for heading in ["Applicant", "Match", "Why", "Time zone", "Status", "Applied"] { Tag.text("th", heading, ["scope": "col"]) }
                    }
                }
                Tag("tbody", [:]) {
                    for applicant in applicants { row(applicant) }
                }
            }
        }

        private func row(_ applicant: ApplicantRow) -> Component {
            Tag("tr", [:]) {
                if selectable {
                    Tag("td", ["class": "pick"]) {
                        Tag(void: "input", [("type", "checkbox"), ("name", "ids[]"), ("value", applicant.id.description),
                                            ("id", "pick-\(applicant.id)"),
                                            ("aria-label", "Choose \(applicant.displayName)")])
                    }
                }
                Tag("th", ["scope": "row"]) {
                    Tag.link(applicant.displayName, to: ApplicantsPage.link(project, .applicant(.value(applicant.id))))
                }
                Tag.text("td", "\(applicant.score.total)", ["data-label": "Match"])
                Tag.text("td", applicant.score.explanation.prefix(2).joined(separator: "; "), ["data-label": "Why"])
                Tag.text("td", applicant.workingHours?.summary ?? "", ["data-label": "Time zone"])
                Tag.text("td", applicant.state.label, ["data-label": "Status"])
                Tag.text("td", DateText.day(applicant.appliedAt), ["data-label": "Applied"])
            }
        }

        private var caption: String {
            let count = "\(total) applicant\(total == 1 ? "" : "s")"
            return total > RankedApplicants.pageSize ? "\(count), \(first) to \(first + applicants.count - 1) shown" : count
        }
    }
}
