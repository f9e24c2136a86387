import Plot
import TryoutCore

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
            PostForm(action: SiteURL.Profiles.demographics.path, csrf: csrf) {
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
