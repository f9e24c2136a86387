import Plot
import TryoutCore

/// A brief's rubric with what each level means, on the project page and beside a version under
/// review. On a phone each criterion becomes a block, each level labelled.
struct RubricTable: Component {
    static let headings = ["Criterion", "Weight", "Level 1", "Level 2", "Level 3", "Level 4"]

    var rubric: [RubricCriterion]

    var body: Component {
        Tag("table", [:]) {
            Tag.text("caption", "The rubric: each criterion's weight and what each level means", ["class": "visually-hidden"])
            Tag("thead", [:]) {
                Tag("tr", [:]) { for heading in Self.headings { Tag.text("th", heading, ["scope": "col"]) } }
            }
            Tag("tbody", [:]) {
                for criterion in rubric {
                    Tag("tr", [:]) {
                        Tag.text("th", criterion.title, ["scope": "row"])
                        Tag.text("td", "\(criterion.weight)%", ["data-label": Self.headings[1]])
                        for (heading, level) in zip(Self.headings.dropFirst(2), criterion.levels) {
                            Tag.text("td", level, ["data-label": heading])
                        }
                    }
                }
            }
        }
    }
}
