import Foundation
import Plot
import TryoutCore

/// The part of a project page about applying: the form, or where the candidate's application stands.
enum ApplyPanel {
    /// Signing in or up comes back to the project.
    case signedOut(ProjectID)
    case notCandidate
    /// A candidate whose address is not confirmed yet.
    case unconfirmed(String)
    case closed(String)
    case applied(AppliedSummary)
    case form(projectID: ProjectID, questions: [String], input: ApplicationInput, errors: [FieldError], csrf: String)
}

extension ApplyPanel: Component {
    /// The form itself, which the project page puts after the brief; every other state is a line
    /// that goes before it.
    var isForm: Bool {
        if case .form = self { true } else { false }
    }

    var body: Component {
        Tag("section", ["class": "panel", "id": "apply", "aria-labelledby": "apply-title"]) {
            Tag.text("h2", "Apply", ["id": "apply-title"])
            content
        }
    }

    @ComponentBuilder private var content: Component {
        switch self {
        case .signedOut(let projectID):
            let back = SiteURL.projects(.project(.value(projectID))).path
            Tag("p", [:]) {
                Tag.link("Sign in", to: SiteURL.accounts(.signIn(next: back)).path)
                Text(" or ")
                Tag.link("sign up as a candidate", to: SiteURL.accounts(.signUp(kind: .candidate, next: back)).path)
                Text(" to apply.")
            }
        case .notCandidate:
            Tag.text("p", "Only candidates apply to projects.")
        case .unconfirmed(let email):
            Tag("p", [:]) {
                Text("Confirm your e-mail address to apply: open the link we sent to \(email), or ")
                Tag.link("ask for a new one in Settings", to: SiteURL.accounts(.settings).path)
                Text(".")
            }
        case .closed(let reason):
            Tag.text("p", reason)
        case .applied(let application):
            Tag("p", [:]) {
                Text("You applied on \(DateText.day(application.appliedAt)). Status: \(application.state.label). ")
                Tag.link("See your application", to: SiteURL.applications(.application(.value(application.id))).path)
            }
        case .form(let projectID, let questions, let input, let errors, let csrf):
            form(projectID, questions, input, errors, csrf)
        }
    }

    private func form(_ projectID: ProjectID, _ questions: [String], _ input: ApplicationInput, _ errors: [FieldError], _ csrf: String) -> Component {
        ComponentGroup {
            Tag.text("p", "Employers first see your skills, your answers and your match, not your name, school or links. "
                     + "Please do not name yourself or your school in your answers.")
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.applications(.project(.value(projectID), .apply)).path, csrf: csrf) {
                for (index, question) in questions.enumerated() {
                    TextAreaField(name: "answers.\(index)", label: question,
                                  value: input.answers.indices.contains(index) ? input.answers[index] : "",
                                  error: errors.message("answers.\(index)"), hint: "Required; at most \(ApplicationInput.maxAnswerLength) characters.")
                }
                TextAreaField(name: "coverNote", label: "Cover note (optional)", value: input.coverNote, error: errors.message("coverNote"),
                              hint: "What draws you to this project, in a few lines.")
                for index in 0..<ApplicationInput.maxPortfolioItems {
                    Field(name: "portfolio.\(index)", label: "Work sample \(index + 1) (optional)", type: "url",
                          value: input.portfolio.indices.contains(index) ? input.portfolio[index] : "",
                          error: errors.message("portfolio.\(index)"), hint: index == 0 ? "An https link to something you made." : nil,
                          required: false)
                }
                Submit("Send application")
            }
        }
    }
}
