import Foundation
import Plot
import TryoutCore

/// `/profile`: what a candidate tells employers, and the private accommodations note.
struct ProfilePage: Component {
    var csrf: String
    var input: CandidateProfileInput
    var errors: [FieldError]
    /// Skills near each unknown one, by field (`TaxonomyService.choices`).
    var choices: [String: [String]] = [:]

    private func value(_ name: String) -> String { input.fields[name] ?? "" }

    var body: Component {
        let skillRows = repeatedRows(filled: { !value("skill.\($0).label").isEmpty }, maximum: CandidateProfileInput.maxSkills)
        let shared = ProfileFields(input: input, errors: errors)
        return ComponentGroup {
            Tag.text("h1", "Your profile")
            Tag.text("p", "Employers see your skills, answers and work first; your name, links and location only once they shortlist you.",
                     ["class": "lead"])
            Tag("p", [:]) {
                Tag.link("Projects recommended for you", to: SiteURL.Profiles.recommended.path)
                Text(" · ")
                Tag.link("Voluntary questions for fair hiring", to: SiteURL.Profiles.demographics.path)
                Text(" · ")
                Tag.link("Credentials and portfolio", to: SiteURL.credentials(.mine).path)
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.Profiles.profile.path, csrf: csrf) {
                if !choices.isEmpty { DefaultSubmit(title: "Save profile") }
                Field(name: "headline", label: "Headline", value: value("headline"), error: errors.message("headline"),
                      hint: "One line, like \"Statistics student who loves messy data\".", required: false)
                Tag("fieldset", [:]) {
                    Tag.text("legend", "Skills (ESCO), rated by you")
                    for index in 0..<skillRows {
                        SkillRow(index: index, label: value("skill.\(index).label"), level: value("skill.\(index).level"), errors: errors,
                                 choices: choices["skill.\(index).label"] ?? [])
                    }
                }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "Availability")
                    shared.hoursPerWeek
                    shared.availableFrom
                    Field(name: "availableTo", label: "Available until", type: "date", value: value("availableTo"),
                          error: errors.message("availableTo"), required: false)
                    shared.timeZone
                    Field(name: "location", label: "Location", value: value("location"), error: errors.message("location"),
                          required: false, autocomplete: "address-level2")
                }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "Background and links")
                    Field(name: "languages", label: "Languages", value: value("languages"), error: errors.message("languages"),
                          hint: "Separated by commas.", required: false)
                    Field(name: "education", label: "Education (optional)", value: value("education"), error: errors.message("education"),
                          required: false)
                    Field(name: "portfolioURL", label: "Portfolio", type: "url", value: value("portfolioURL"),
                          error: errors.message("portfolioURL"), required: false)
                    Field(name: "githubURL", label: "GitHub", type: "url", value: value("githubURL"), error: errors.message("githubURL"),
                          required: false)
                    Field(name: "linkedInURL", label: "LinkedIn", type: "url", value: value("linkedInURL"),
                          error: errors.message("linkedInURL"), required: false)
                }
                TextAreaField(name: "accommodations", label: "Accommodations (private)", value: value("accommodations"),
                              error: errors.message("accommodations"),
                              hint: "Only you see this, and, once you accept an offer, the manager of that engagement.")
                CheckboxField(name: "discoverable", label: "Employers may invite me to projects that match my skills",
                              checked: !value("discoverable").isEmpty)
                Submit("Save profile")
            }
            SkillSuggestions()
        }
    }
}
