import Foundation
import Plot
import TryoutCore

/// The scorecard's inputs: per criterion a level from 1 to 4 (each labelled with the rubric's
/// descriptor) and a comment, then an overall note. Fields `levels.N`, `comments.N`, `note`.
struct ReviewScoringFields: Component {
    var rubric: [RubricCriterion]
    var form: [String: String]
    var errors: [FieldError]

    var body: Component {
        ComponentGroup {
            for (index, criterion) in rubric.enumerated() {
                Tag("div", ["class": "criterion"]) {
                    ChoiceGroup(legend: "\(criterion.title) (\(criterion.weight)%)", name: "levels.\(index)", type: "radio",
                                error: errors.message("levels.\(index)"),
                                choices: criterion.levels.enumerated().map { level, descriptor in
                                    (String(level + 1), "\(level + 1): \(descriptor)", form["levels.\(index)"] == String(level + 1))
                                })
                    TextAreaField(name: "comments.\(index)", label: "Comment on “\(criterion.title)”", value: form["comments.\(index)"] ?? "",
                                  error: errors.message("comments.\(index)"), rows: 2)
                }
            }
            TextAreaField(name: "note", label: "Overall note", value: form["note"] ?? "", error: errors.message("note"), rows: 3)
        }
    }
}

/// "3", or "2.5" for a median between two levels, with what the level means.
enum LevelText {
    static func median(_ median: Double, _ criterion: RubricCriterion) -> String {
        let low = Int(median.rounded(.down))
        let high = Int(median.rounded(.up))
        if low == high { return "\(low) of 4: \(descriptor(low, criterion))" }
        return "\(number(median)) of 4: between “\(descriptor(low, criterion))” and “\(descriptor(high, criterion))”"
    }

    private static func descriptor(_ level: Int, _ criterion: RubricCriterion) -> String {
        criterion.levels.indices.contains(level - 1) ? criterion.levels[level - 1] : ""
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// The panel's scorecards side by side: each reviewer's level per criterion, the median and the
/// spread, the weighted scores, then each reviewer's comments and note.
struct ReviewPanelSection: Component {
    var panel: PanelView
    /// Where the heading's id starts, so two panels on a page stay apart.
    var id: String

    var body: Component {
        Tag("section", ["aria-labelledby": "\(id)-title"]) {
            Tag.text("h3", "The panel's scores", ["id": "\(id)-title"])
            if let progress = panel.progressText { Tag.text("p", progress, ["class": "meta"]) }
            if panel.cards.isEmpty {
                Tag.text("p", "No scorecard is in yet.")
            } else {
                table
                if panel.disagrees {
                    Tag.text("p", "The reviewers are two levels or more apart on at least one criterion: worth reading their comments before deciding.",
                             ["class": "late"])
                }
                for card in panel.cards { cardDetail(card) }
            }
        }
    }

    private var table: Component {
        ScrollRegion(label: "Scores by reviewer") {
            Tag("table", [:]) {
                Tag("thead", [:]) {
                    Tag("tr", [:]) {
                        Tag.text("th", "Criterion", ["scope": "col"])
                        for card in panel.cards { Tag.text("th", card.reviewer, ["scope": "col"]) }
                        Tag.text("th", "Median", ["scope": "col"])
                        Tag.text("th", "Spread", ["scope": "col"])
                    }
                }
                Tag("tbody", [:]) {
                    for (index, criterion) in panel.rubric.enumerated() {
                        Tag("tr", [:]) {
                            Tag.text("th", "\(criterion.title) (\(criterion.weight)%)", ["scope": "row"])
                            for card in panel.cards { Tag.text("td", card.levels.indices.contains(index) ? String(card.levels[index]) : "–", ["data-label": card.reviewer]) }
                            Tag.text("td", panel.medians.indices.contains(index) ? LevelText.number(panel.medians[index]) : "–", ["data-label": "Median"])
                            Tag.text("td", panel.spreads.indices.contains(index) ? "\(panel.spreads[index])" : "–", ["data-label": "Spread"])
                        }
                    }
                    Tag("tr", [:]) {
                        Tag.text("th", "Weighted score (of 100)", ["scope": "row"])
                        for card in panel.cards { Tag.text("td", String(card.weightedScore), ["data-label": card.reviewer]) }
                        Tag.text("td", panel.weightedScore.map(String.init) ?? "–", ["data-label": "Median"])
                        Tag.text("td", "")
                    }
                }
            }
        }
    }

    private func cardDetail(_ card: ScorecardView) -> Component {
        Tag("article", ["class": "panel", "aria-label": "Scorecard of \(card.reviewer)"]) {
            Tag.text("h4", "\(card.reviewer): \(card.weightedScore) of 100")
            Tag("dl", ["class": "facts"]) {
                for (index, criterion) in panel.rubric.enumerated() {
                    Tag.text("dt", criterion.title)
                    Tag.text("dd", (card.levels.indices.contains(index) ? "Level \(card.levels[index])" : "")
                             + (card.comments.indices.contains(index) && !card.comments[index].isEmpty ? ": \(card.comments[index])" : ""))
                }
            }
            if !card.note.isEmpty { Tag.text("p", card.note) }
        }
    }
}

/// The result a candidate reads once a version is decided.
struct ReviewResultSection: Component {
    var result: ResultView
    var version: Int

    var body: Component {
        let id = "result-\(version)"
        return Tag("section", ["aria-labelledby": id]) {
            Tag.text("h4", "How version \(version) was judged", ["id": id])
            if result.autoAccepted {
                Tag.text("p", "Accepted automatically: no decision came within the project's time, so the version counts as accepted.")
            }
            if let score = result.weightedScore { Tag.text("p", "Weighted score: \(score) of 100") }
            if !result.medians.isEmpty {
                Tag("dl", ["class": "facts"]) {
                    for (index, criterion) in result.rubric.enumerated() where result.medians.indices.contains(index) {
                        Tag.text("dt", criterion.title)
                        Tag("dd", [:]) {
                            Text(LevelText.median(result.medians[index], criterion))
                            if result.comments.indices.contains(index) && !result.comments[index].isEmpty {
                                Tag("ul", [:]) { for comment in result.comments[index] { Tag.text("li", comment) } }
                            }
                        }
                    }
                }
            }
            if !result.notes.isEmpty {
                Tag.text("h5", "Notes")
                for note in result.notes { Tag.text("p", note) }
            }
            if let individual = result.individual, !individual.isEmpty {
                Tag.text("h5", "Each reviewer's levels")
                Tag("ul", [:]) {
                    for (number, levels) in individual.enumerated() {
                        Tag.text("li", "Reviewer \(number + 1): " + zip(result.rubric, levels).map { "\($0.title) \($1)" }.joined(separator: ", "))
                    }
                }
            }
        }
    }
}
