import Foundation
import Plot
import TryoutApp
import TryoutCore

/// One applicant: the match and its reasons, skills, answers; who they are once revealed.
struct ApplicantPage: Component {
    var project: ScreenedProject
    var applicant: ApplicantView
    var decides: Bool
    var csrf: String
    var now: Date

    var body: Component {
        ComponentGroup {
            Tag.text("h1", applicant.displayName)
            Tag("p", ["class": "meta"]) {
                Text("\(applicant.state.label) · applied \(DateText.day(applicant.appliedAt)) · ")
                Tag.link("All applicants", to: ApplicantsPage.link(project.id, .applicants))
            }
            if let identity = applicant.identity {
                Tag("dl", ["class": "facts"]) {
                    fact("E-mail", identity.email)
                    if !identity.headline.isEmpty { fact("Headline", identity.headline) }
                    if !identity.location.isEmpty { fact("Location", identity.location) }
                    if !identity.education.isEmpty { fact("Education", identity.education) }
                    for link in identity.links + identity.portfolio {
                        Tag.text("dt", "Link")
                        Tag("dd", [:]) { Tag.link(link, to: link, ["rel": "nofollow noopener"]) }
                    }
                }
            } else {
                Tag.text("p", "Blind screening: who applied is shown once you move this application on.")
            }
            Tag("section", ["class": "panel", "aria-labelledby": "match-title"]) {
                Tag.text("h2", "Match: \(applicant.score.total) of 100", ["id": "match-title"])
                Tag("ul", [:]) {
                    for line in applicant.score.explanation { Tag.text("li", line) }
                    if !applicant.missing.isEmpty { Tag.text("li", "Missing required skills: " + applicant.missing.joined(separator: ", ")) }
                }
            }
            Tag("dl", ["class": "facts"]) {
                // Before the reveal only the offset: a zone's name says where the person lives.
                fact("Time zone", [applicant.identity?.timeZone, applicant.workingHours?.text].compactMap { $0 }.joined(separator: ", "))
                fact("Hours a week", String(applicant.hoursPerWeek))
                fact("Skills", applicant.skills.isEmpty ? "None listed" : applicant.skills.map { "\($0.label) (\($0.level) of 4, self-rated)" }.joined(separator: ", "))
            }
            if let accommodations = applicant.accommodations {
                Tag("section", ["class": "panel", "aria-labelledby": "accommodations-title"]) {
                    Tag.text("h2", "Accommodations", ["id": "accommodations-title"])
                    Tag.text("p", accommodations)
                }
            }
            Tag.text("h2", "Answers")
            Tag("dl", [:]) {
                for (question, answer) in applicant.answers {
                    Tag.text("dt", question)
                    Tag.text("dd", answer)
                }
                if !applicant.coverNote.isEmpty {
                    Tag.text("dt", "Cover note")
                    Tag.text("dd", applicant.coverNote)
                }
            }
            if decides { actions }
        }
    }

    private func fact(_ term: String, _ value: String) -> Component {
        ComponentGroup {
            Tag.text("dt", term)
            Tag.text("dd", value)
        }
    }

    private var actions: Component {
        let lapsed = applicant.offerExpiresAt.map { $0 <= now } ?? false
        let choices = ApplicantsPage.actions.filter { choice in
            guard let target = ApplicationState(rawValue: choice.value) else { return false }
            return (try? ApplicationLifecycle.check(from: applicant.state, to: target, by: .employer, offerExpired: lapsed)) != nil
        }
        return Tag("section", ["class": "panel", "aria-labelledby": "decide-title"]) {
            Tag.text("h2", "Decide", ["id": "decide-title"])
            if choices.isEmpty {
                Tag.text("p", "Nothing left to decide: the application is \(applicant.state.label.lowercased()).")
            } else {
                PostForm(action: ApplicantsPage.link(project.id, .decide), csrf: csrf) {
                    Tag(void: "input", [("type", "hidden"), ("name", "ids[]"), ("value", applicant.id.description)])
                    Tag(void: "input", [("type", "hidden"), ("name", "from"), ("value", "applicant")])
                    SelectField(name: "action", label: "Move to", options: choices, selected: choices[0].value)
                    TextAreaField(name: "message", label: "Message to the applicant (optional)", rows: 3)
                    Submit("Decide")
                }
            }
        }
    }
}
