import Foundation
import Plot

/// Reviewer agreement for owners and admins: alpha and its flags, a table of each reviewer's
/// offset from the panel, and the same offsets as a plain chart whose bars carry their values
/// and a hatched pattern for flagged reviewers, so it reads without colour.
struct CalibrationPage: Component {
    var model: CalibrationViewModel

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Reviewer calibration: \(model.scope)")
            Tag.text("p", "Where two or more reviewers scored the same criterion of a version, Krippendorff's alpha (ordinal) says how far "
                     + "they agree beyond chance: 1 is full agreement, 0 no better than chance. An offset is how many levels a reviewer "
                     + "sits above (+) or below (−) the panel's median on average.", ["class": "lead"])
            Tag("dl", ["class": "facts"]) {
                Tag.text("dt", "Alpha")
                Tag.text("dd", model.alpha.map { $0.formatted(.number.precision(.fractionLength(3))) } ?? "Not defined yet")
                Tag.text("dt", "Units scored by two or more")
                Tag.text("dd", String(model.units))
            }
            if !model.flags.isEmpty {
                Tag("ul", ["class": "flags", "aria-label": "What to look at"]) {
                    for flag in model.flags { Tag.text("li", flag) }
                }
            }
            if model.reviewers.isEmpty {
                Tag.text("p", "No version has been scored by two reviewers yet.")
            } else {
                ScrollRegion(label: "Reviewers' offsets") {
                    Tag("table", [:]) {
                        Tag.text("caption", "Each reviewer's offset from the panel")
                        Tag("thead", [:]) {
                            Tag("tr", [:]) {
                                for heading in ["Reviewer", "Mean offset (levels)", "Units", "Median turnaround", "Flag"] { Tag.text("th", heading, ["scope": "col"]) }
                            }
                        }
                        Tag("tbody", [:]) {
                            for reviewer in model.reviewers {
                                Tag("tr", [:]) {
                                    Tag.text("th", reviewer.name, ["scope": "row"])
                                    Tag.text("td", CalibrationViewModel.signed(reviewer.meanOffset), ["data-label": "Mean offset (levels)"])
                                    Tag.text("td", String(reviewer.units), ["data-label": "Units"])
                                    Tag.text("td", reviewer.turnaround.map(DurationText.short) ?? "Not asked", ["data-label": "Median turnaround"])
                                    Tag.text("td", reviewer.flagged ? "More than one level off" : "", ["data-label": "Flag"])
                                }
                            }
                        }
                    }
                }
                chart
            }
        }
    }

    /// Bars from the centre line, one level = 60 px, clamped to ±3 levels.
    private var chart: Component {
        let rowHeight = 28, labelWidth = 170, centre = labelWidth + 190, perLevel = 60.0
        let height = model.reviewers.count * rowHeight + 30
        return Tag("figure", ["class": "chart"]) {
            Tag("svg", ["viewBox": "0 0 560 \(height)", "width": "100%", "role": "img", "aria-labelledby": "offsets-title offsets-desc"]) {
                Tag.text("title", "Reviewers' mean offsets from the panel", ["id": "offsets-title"])
                Tag.text("desc", model.reviewers.map { "\($0.name): \(CalibrationViewModel.signed($0.meanOffset))" }.joined(separator: "; "),
                         ["id": "offsets-desc"])
                Tag("defs", [:]) {
                    Tag("pattern", ["id": "flagged", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"]) {
                        Tag(void: "rect", [("width", "6"), ("height", "6"), ("fill", "#fff")])
                        Tag(void: "line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", "#222"), ("stroke-width", "3")])
                    }
                }
                Tag(void: "line", [("x1", "\(centre)"), ("y1", "0"), ("x2", "\(centre)"), ("y2", "\(height - 20)"), ("stroke", "#222")])
                for (index, reviewer) in model.reviewers.enumerated() {
                    let y = index * rowHeight + 6
                    let width = min(abs(reviewer.meanOffset), 3) * perLevel
                    let x = reviewer.meanOffset < 0 ? Double(centre) - width : Double(centre)
                    Tag.text("text", reviewer.name, ["x": "0", "y": "\(y + 15)", "font-size": "13"])
                    Tag(void: "rect", [("x", x.formatted(.number.precision(.fractionLength(1)))), ("y", "\(y)"),
                                       ("width", max(width, 1).formatted(.number.precision(.fractionLength(1)))), ("height", "18"),
                                       ("fill", reviewer.flagged ? "url(#flagged)" : "#555"), ("stroke", "#222")])
                    Tag.text("text", CalibrationViewModel.signed(reviewer.meanOffset),
                             ["x": "\(reviewer.meanOffset < 0 ? centre + 6 : centre - 44)", "y": "\(y + 15)", "font-size": "13"])
                }
                Tag.text("text", "−3", ["x": "\(centre - 184)", "y": "\(height - 4)", "font-size": "12"])
                Tag.text("text", "0", ["x": "\(centre - 4)", "y": "\(height - 4)", "font-size": "12"])
                Tag.text("text", "+3", ["x": "\(centre + 170)", "y": "\(height - 4)", "font-size": "12"])
            }
            Tag.text("figcaption", "Bars left of the line: below the panel; right: above. Hatched bars are more than one level off.")
        }
    }
}
