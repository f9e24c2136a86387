import Plot
import TryoutCore

/// The checklist form: a row per item with who does it.
struct OnboardingPage: Component {
    /// What the page shows of the project.
    struct Project {
        var id: ProjectID
        var title: String
    }

    var project: Project
    var titles: [String]
    var owners: [String]
    var csrf: String
    var errors: [FieldError]

    var body: Component {
        let rows = repeatedRows(filled: { $0 < titles.count && !titles[$0].isEmpty }, maximum: Onboarding.maxItems)
        return ComponentGroup {
            Tag.text("h1", "Onboarding checklist")
            Tag("p", ["class": "lead"]) {
                Text("What gets done in the first week of “\(project.title)”. Work on deliverables waits for the agreements; the engagement is active once every item is ticked. ")
                Tag.link("Back to the project", to: SiteURL.projects(.project(.value(project.id))).path)
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.projects(.project(.value(project.id), .onboarding)).path, csrf: csrf) {
                for index in 0..<rows {
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "Item \(index + 1)")
                        Field(name: "title.\(index)", label: "What", value: index < titles.count ? titles[index] : "",
                              error: errors.message("title.\(index)"), required: false)
                        SelectField(name: "owner.\(index)", label: "Who does it",
                                    options: EngagementSide.allCases.map { ($0.rawValue, $0.label) },
                                    selected: index < owners.count ? owners[index] : EngagementSide.employer.rawValue,
                                    error: errors.message("owner.\(index)"))
                    }
                }
                Submit("Save the checklist")
            }
        }
    }
}
