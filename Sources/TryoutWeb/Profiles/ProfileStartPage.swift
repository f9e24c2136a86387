import Foundation
import Plot
import TryoutCore

/// `/profile/start`: a new candidate's first steps, the three things projects are matched on
/// (skills, time, time zone), then back to the project they came from. The rest of the profile
/// can wait.
struct ProfileStartPage: Component {
    var csrf: String
    var input: CandidateProfileInput
    /// A path on this site where the steps end; empty: the person's home.
    var next: String
    var errors: [FieldError]
    /// Skills near each unknown one, by field (`TaxonomyService.choices`).
    var choices: [String: [String]] = [:]

    private func value(_ name: String) -> String { input.fields[name] ?? "" }

    var body: Component {
        let skillRows = repeatedRows(filled: { !value("skill.\($0).label").isEmpty }, maximum: CandidateProfileInput.maxSkills, minimum: 3)
        let shared = ProfileFields(input: input, errors: errors)
        return ComponentGroup {
            Tag.text("h1", "Set up your profile")
            Tag.text("p", "Three things, and projects are matched to you: the skills you have, the time you can give, and your time zone. "
                     + (next.isEmpty ? "" : "Then you go back to the project you were reading."), ["class": "lead"])
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.Profiles.start().path, csrf: csrf) {
                if !choices.isEmpty { DefaultSubmit(title: "Save") }
                if !next.isEmpty { Tag(void: "input", [("type", "hidden"), ("name", "next"), ("value", next)]) }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "1. Your skills, as ESCO names them")
                    Tag.text("p", "Type a few letters (\"spreadsheet\", \"python\") and choose a name; the level is your own rating.", ["class": "hint"])
                    for index in 0..<skillRows {
                        SkillRow(index: index, label: value("skill.\(index).label"), level: value("skill.\(index).level"), errors: errors,
                                 choices: choices["skill.\(index).label"] ?? [])
                    }
                }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "2. Your time")
                    shared.hoursPerWeek
                    shared.availableFrom
                }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "3. Your time zone")
                    shared.timeZone
                }
                Tag("div", ["class": "actions"]) {
                    Submit(next.isEmpty ? "Save and continue" : "Save and go back to the project")
                    Tag.link("Skip for now", to: next.isEmpty ? SiteURL.site(.home).path : next)
                }
            }
            SkillSuggestions()
        }
    }
}
