import Foundation
import Plot
import TryoutApp
import TryoutCore

/// `/portfolio`: whether the portfolio is public, at which address, under which headline.
struct PortfolioSettingsPage: Component {
    var form: PortfolioSettings
    var csrf: String
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Portfolio")
            ErrorSummary(errors: errors)
            Tag.text("p", "Your portfolio shows your credentials, their skills and results, the work employers let you show, and managers' endorsements. It never shows your e-mail address, your profile's private details or work that was not shared. It stays private until you publish it.")
            if form.published, !form.slug.isEmpty {
                Tag("p", ["class": "flash"]) {
                    Text("Published at ")
                    Tag.link(SiteURL.credentials(.portfolio(.value(form.slug))).path, to: SiteURL.credentials(.portfolio(.value(form.slug))).path)
                }
            }
            PostForm(action: SiteURL.credentials(.portfolioSettings).path, csrf: csrf) {
                Field(name: "slug", label: "Address: /u/ and", value: form.slug, error: errors.message("slug"),
                      hint: "3 to 40 lower-case letters, digits and dashes.", required: false, autocomplete: "off")
                Field(name: "headline", label: "Headline", value: form.headline, error: errors.message("headline"),
                      hint: "One line about you, at most 140 characters.", required: false)
                CheckboxField(name: "published", label: "Publish my portfolio", checked: form.published)
                Submit("Save portfolio")
            }
            Tag("p", [:]) { Tag.link("My credentials", to: SiteURL.credentials(.mine).path) }
        }
    }
}

/// `/u/{slug}`: a candidate's public portfolio.
struct PortfolioPage: Component {
    var portfolio: PortfolioView

    var body: Component {
        ComponentGroup {
            Tag.text("h1", portfolio.name)
            if !portfolio.headline.isEmpty { Tag.text("p", portfolio.headline, ["class": "lead"]) }
            if !portfolio.verifiedSkills.isEmpty {
                Tag("section", ["class": "panel", "aria-labelledby": "skills-title"]) {
                    Tag.text("h2", "Verified skills", ["id": "skills-title"])
                    Tag("ul", ["class": "inline-list"]) {
                        for skill in portfolio.verifiedSkills {
                            Tag("li", [:]) {
                                Tag.link(skill.name, to: skill.url)
                                Text(" · \(skill.credentials) credential\(skill.credentials == 1 ? "" : "s")")
                            }
                        }
                    }
                }
            }
            Tag.text("h2", "Credentials")
            if portfolio.credentials.isEmpty { Tag.text("p", "No credentials yet.", ["class": "notice"]) }
            for entry in portfolio.credentials {
                Tag("article", ["class": "panel", "aria-labelledby": "credential-\(entry.id)"]) {
                    Tag("h3", ["id": "credential-\(entry.id)"]) { Tag.link(entry.name, to: SiteURL.credentials(.credential(.value(entry.id))).path) }
                    Tag.text("p", "\(entry.organization) · \(DateText.day(entry.issued)) · verifiable", ["class": "meta"])
                    if !entry.skills.isEmpty { Tag.text("p", "Skills: " + entry.skills.joined(separator: ", ")) }
                    if !entry.results.isEmpty {
                        Tag("dl", ["class": "facts"]) {
                            for result in entry.results {
                                Tag.text("dt", result.criterion)
                                Tag.text("dd", result.level)
                            }
                        }
                    }
                    if !entry.evidence.isEmpty {
                        Tag("ul", [:]) { for item in entry.evidence { Tag("li", [:]) { Tag.link("Work: \(item.name)", to: item.url) } } }
                    }
                    for endorsement in entry.endorsements {
                        Tag("figure", [:]) {
                            Tag.text("blockquote", endorsement.text)
                            Tag.text("figcaption", endorsement.author, ["class": "meta"])
                        }
                    }
                }
            }
            Tag("p", ["class": "meta"]) {
                Tag.link("Download this portfolio as JSON", to: SiteURL.credentials(.portfolioJSON(.value(portfolio.slug))).path)
                Text(" (each credential signed, checkable without Tryout).")
            }
        }
    }
}
