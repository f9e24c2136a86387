import Plot
import TryoutCore

/// One ESCO skill and its level in a form (`skill.N.label`, `skill.N.level`), with room for more
/// fields, such as a brief's "required" box.
struct SkillRow: Component {
    static let levels = [("1", "1, basic"), ("2", "2, working"), ("3", "3, strong"), ("4", "4, expert")]

    var index: Int
    var label: String
    var level: String
    var errors: [FieldError]
    /// Skills near an unknown one, each a button that puts it in the field and sends the form.
    var choices: [String] = []
    var more: Component = ComponentGroup {}

    var body: Component {
        Tag("fieldset", ["class": "row"]) {
            Tag.text("legend", "Skill \(index + 1)")
            Field(name: "skill.\(index).label", label: "Skill", value: label, error: errors.message("skill.\(index).label"),
                  required: false, autocomplete: "off", extra: [SkillSuggestions.fieldAttribute])
            if !choices.isEmpty {
                Tag("p", ["class": "actions"]) {
                    Text("Did you mean:")
                    for choice in choices {
                        Tag("button", ["type": "submit", "class": "button secondary", "name": CandidateProfileInput.choicePrefix + "skill.\(index).label",
                                       "value": choice]) {
                            Text(choice)
                            Tag.text("span", " for skill \(index + 1)", ["class": "visually-hidden"])
                        }
                    }
                }
            }
            SelectField(name: "skill.\(index).level", label: "Level", options: Self.levels, selected: level.isEmpty ? "2" : level,
                        error: errors.message("skill.\(index).level"))
            more
        }
    }
}
