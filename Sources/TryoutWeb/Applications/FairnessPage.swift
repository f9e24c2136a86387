import Foundation
import Plot
import TryoutCore

/// Selection rates by voluntary demographic group at shortlist and offer, with impact ratios
/// (NYC Local Law 144): a ratio below 0.80 is flagged; groups under 11 people are not shown.
struct FairnessPage: Component {
    var title: String
    var tables: [FairnessReport.Table]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", title)
            Tag.text("p", "Selection rate is the share of a group's applicants who reached the shortlist, or an offer. The impact ratio divides "
                     + "it by the highest group's rate; below \(FairnessReport.flagBelow.formatted()) it is flagged. Groups of fewer than "
                     + "\(FairnessReport.minimumGroupSize) people are left out so that no one can be singled out. Answers are voluntary.",
                     ["class": "lead"])
            for table in tables { section(table) }
        }
    }

    private func section(_ table: FairnessReport.Table) -> Component {
        Tag("section", ["aria-labelledby": "dimension-\(table.dimension.rawValue)"]) {
            Tag.text("h2", table.dimension.label, ["id": "dimension-\(table.dimension.rawValue)"])
            if table.groups.isEmpty {
                Tag.text("p", "No group is large enough to show.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) {
                            for heading in ["Group", "Applicants", "Shortlist rate", "Shortlist impact ratio", "Offer rate", "Offer impact ratio"] {
                                Tag.text("th", heading, ["scope": "col"])
                            }
                        }
                    }
                    Tag("tbody", [:]) {
                        for group in table.groups {
                            Tag("tr", [:]) {
                                Tag.text("th", table.dimension.options.first { $0.value == group.name }?.label ?? group.name, ["scope": "row"])
                                Tag.text("td", String(group.applicants), ["data-label": "Applicants"])
                                rate(group.shortlist, "Shortlist rate")
                                ratio(group.shortlist, "Shortlist impact ratio")
                                rate(group.offer, "Offer rate")
                                ratio(group.offer, "Offer impact ratio")
                            }
                        }
                    }
                }
            }
            Tag.text("p", "Not shown: \(table.suppressedPeople) people in \(table.suppressedGroups) smaller group\(table.suppressedGroups == 1 ? "" : "s"); "
                     + "\(table.unknown) gave no answer.", ["class": "meta"])
        }
    }

    private func rate(_ rate: FairnessReport.Rate, _ heading: String) -> Component {
        Tag.text("td", "\(rate.selected) (\(rate.rate.formatted(.percent.precision(.fractionLength(0)))))", ["data-label": heading])
    }

    private func ratio(_ rate: FairnessReport.Rate, _ heading: String) -> Component {
        guard let ratio = rate.impactRatio else { return Tag.text("td", "–", ["data-label": heading]) }
        let text = ratio.formatted(.number.precision(.fractionLength(2)))
        return Tag.text("td", rate.flagged ? "\(text) (below \(FairnessReport.flagBelow.formatted(.number.precision(.fractionLength(2)))))" : text,
                        ["data-label": heading])
    }
}
