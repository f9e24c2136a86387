import Plot
import TryoutCore

/// `/orgs/:slug/settings`: the public profile and the hourly pay floor, for owners and admins.
struct OrganizationSettingsPage: Component {
    var csrf: String
    var org: OrganizationView
    var form: OrganizationController.SettingsForm
    var errors: [FieldError]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "\(org.name): settings")
            Tag("p", [:]) {
                Tag.link("Public page", to: org.url())
                Text(" · ")
                Tag.link("Members", to: org.url(.members))
                Text(" · ")
                Tag.link("Webhooks", to: SiteURL.webhooks(.list(.value(org.slug))).path)
                if org.kind == .employer {
                    Text(" · ")
                    Tag.link("Billing", to: SiteURL.billing(.billing(.value(org.slug))).path)
                    Text(" · ")
                    Tag.link("Reviewer calibration", to: SiteURL.calibrations(.organization(.value(org.slug))).path)
                    Text(" · ")
                    Tag.link("Exit surveys", to: SiteURL.evaluations(.surveys(.value(org.slug))).path)
                }
            }
            ErrorSummary(errors: errors)
            PostForm(action: org.url(.settings), csrf: csrf) {
                TextAreaField(name: "description", label: "About the organization", value: form.description ?? "",
                              error: errors.message("description"), hint: "Shown on the public page, up to 2,000 characters.")
                Field(name: "website", label: "Website", type: "url", value: form.website ?? "", error: errors.message("website"),
                      required: false, autocomplete: "url")
                if org.kind == .employer {
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "Pay floor")
                        Tag.text("p", "Publishing is refused when a brief pays less than this per estimated hour. "
                            + "Leave it blank to use the platform's floor: \(Self.platformFloors). You can raise it, not lower it.",
                            ["class": "hint"])
                        Field(name: "payFloor", label: "Least pay per hour", value: form.payFloor ?? "", error: errors.message("payFloor"),
                              required: false, autocomplete: "off")
                        SelectField(name: "payFloorCurrency", label: "Currency", options: BriefInput.currencies.map { ($0, $0) },
                                    selected: form.payFloorCurrency ?? "USD", error: errors.message("payFloorCurrency"))
                    }
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "Review results")
                        Tag.text("p", "Candidates always read the panel's median level per criterion and the reviewers' comments.", ["class": "hint"])
                        CheckboxField(name: "showReviewerScores", label: "Also show candidates each reviewer's levels, without names",
                                      checked: form.showReviewerScores != nil)
                    }
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "Credentials")
                        Tag.text("p", "Candidates receive a verifiable credential for accepted work. It names the project, its skills and the rubric result; the work itself stays private unless you choose otherwise.", ["class": "hint"])
                        CheckboxField(name: "showcaseWork", label: "Let candidates show their accepted deliverables in credentials and portfolios",
                                      checked: form.showcaseWork != nil)
                    }
                }
                Submit("Save settings")
            }
        }
    }

    static var platformFloors: String {
        ComplianceLint.defaultHourlyFloor.sorted { $0.key < $1.key }
            .map { Money(amountMinor: $0.value, currency: $0.key).formatted }.joined(separator: ", ")
    }
}
