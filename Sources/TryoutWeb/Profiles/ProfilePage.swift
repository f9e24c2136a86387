import Foundation
import Plot
import TryoutCore
import TryoutStore

/// `/profile`: what a candidate tells employers, and the private accommodations note.
struct ProfilePage: Component {
    var csrf: String
    var slug: String
    var input: CandidateProfileInput
    var errors: [FieldError]

    private func value(_ name: String) -> String { input.fields[name] ?? "" }

    var body: Component {
        let skillRows = repeatedRows(filled: { !value("skill.\($0).label").isEmpty }, maximum: CandidateProfileInput.maxSkills)
        return ComponentGroup {
            Tag.text("h1", "Your profile")
            Tag.text("p", "Employers see your skills, answers and work first; your name, links and location only once they shortlist you.",
                     ["class": "lead"])
            Tag("p", [:]) {
                Tag.link("Projects recommended for you", to: SiteURL.recommended.path)
                Text(" · ")
                Tag.link("Voluntary questions for fair hiring", to: SiteURL.demographics.path)
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.profile.path, csrf: csrf) {
                Field(name: "headline", label: "Headline", value: value("headline"), error: errors.message("headline"),
                      hint: "One line, like \"Statistics student who loves messy data\".", required: false)
                Tag("fieldset", [:]) {
                    Tag.text("legend", "Skills (ESCO), rated by you")
                    for index in 0..<skillRows {
                        SkillRow(index: index, label: value("skill.\(index).label"), level: value("skill.\(index).level"), errors: errors)
                    }
                }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "Availability")
                    Field(name: "hoursPerWeek", label: "Hours a week", type: "number", value: value("hoursPerWeek"),
                          error: errors.message("hoursPerWeek"), extra: [("min", "1"), ("max", "60")])
                    Field(name: "availableFrom", label: "Available from", type: "date", value: value("availableFrom"),
                          error: errors.message("availableFrom"), required: false)
                    Field(name: "availableTo", label: "Available until", type: "date", value: value("availableTo"),
                          error: errors.message("availableTo"), required: false)
                    SelectField(name: "timeZone", label: "Time zone", options: Self.timeZones, selected: value("timeZone"),
                                error: errors.message("timeZone"))
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

    /// Region/City zones and UTC, sorted, as `CandidateProfileInput` accepts them.
    static let timeZones: [(value: String, label: String)] = TimeZoneName.suggestions
        .map { ($0, $0.replacingOccurrences(of: "_", with: " ")) }
}

/// `/profile/demographics`: voluntary answers, kept apart and used only in aggregate.
struct DemographicsPage: Component {
    var csrf: String
    var answers: [FairnessReport.Dimension: String]
    var errors: [FieldError]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Voluntary questions")
            Tag.text("p", "Answering is up to you and changes nothing in how you are matched or screened. Employers never see your "
                + "answers: they are stored apart from your profile and used only to count, in groups of 11 people or more, "
                + "whether selection treats groups fairly.", ["class": "lead"])
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.demographics.path, csrf: csrf) {
                for dimension in FairnessReport.Dimension.allCases {
                    SelectField(name: dimension.rawValue, label: dimension.label,
                                options: [("", "Prefer not to say")] + dimension.options,
                                selected: answers[dimension] ?? "", error: errors.message(dimension.rawValue))
                }
                Submit("Save answers")
            }
        }
    }
}

/// `/profile/recommended`: the best matches among the newest projects that ask for the candidate's skills.
struct RecommendedPage: Component {
    var recommendations: [(project: ProjectRecord, score: MatchScore)]
    var hasSkills: Bool

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Recommended for you")
            Tag.text("p", "The best matches among the \(Recommendations.considered) newest projects that ask for one of your skills.",
                     ["class": "lead"])
            if recommendations.isEmpty {
                Tag("p", [:]) {
                    Text(hasSkills ? "No open project asks for your skills right now. " : "Add your skills to get recommendations. ")
                    Tag.link(hasSkills ? "Browse every project" : "Edit your profile", to: hasSkills ? SiteURL.marketplace.path : SiteURL.profile.path)
                }
            } else {
                Tag("ul", ["class": "cards"]) {
                    for (project, score) in recommendations {
                        Tag("li", ["class": "card"]) {
                            Tag("h2", [:]) { Tag.link(project.title, to: SiteURL.project(project.id!).path) }
                            Tag.text("p", project.organization.name, ["class": "meta"])
                            Tag.text("p", "Match \(score.total) of 100: " + score.explanation.prefix(2).joined(separator: "; "))
                            Tag.text("p", ProjectFacts.line(project), ["class": "meta"])
                        }
                    }
                }
            }
        }
    }
}
