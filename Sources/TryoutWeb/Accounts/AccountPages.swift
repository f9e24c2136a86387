import Plot
import TryoutCore

struct SignUpPage: Component {
    struct Form {
        var name = ""
        var email = ""
        var kind = AccountKind.candidate.rawValue
        var organization = ""
        /// The page the person came from (a project), carried to their first steps.
        var next = ""
    }

    var csrf: String
    var form: Form
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Create your Tryout account")
            Tag.text("p", "Candidates find paid projects and build proof of their skills. Employers and universities create an organization and invite their team.", ["class": "lead"])
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.accounts(.signUp()).path, csrf: csrf) {
                if !form.next.isEmpty { Tag(void: "input", [("type", "hidden"), ("name", "next"), ("value", form.next)]) }
                Tag("fieldset", [:]) {
                    Tag.text("legend", "I am joining as")
                    if let error = errors.message("kind") { Tag.text("p", error, ["class": "error-text", "id": "field-kind"]) }
                    for (kind, label) in [(AccountKind.candidate, "A candidate looking for projects"),
                                          (.employer, "An employer posting projects"),
                                          (.partner, "University or bootcamp career services")] {
                        Tag("div", ["class": "choice"]) {
                            Tag(void: "input", [("type", "radio"), ("name", "kind"), ("id", "kind-\(kind.rawValue)"), ("value", kind.rawValue)]
                                + (form.kind == kind.rawValue ? [("checked", "")] : []))
                            Tag("label", ["for": "kind-\(kind.rawValue)"]) { Text(label) }
                        }
                    }
                }
                Field(name: "name", label: "Your name", value: form.name, error: errors.message("name"), autocomplete: "name")
                Field(name: "email", label: "E-mail address", type: "email", value: form.email, error: errors.message("email"), autocomplete: "email")
                Field(name: "password", label: "Password", type: "password", error: errors.message("password"),
                      hint: "At least 8 characters. A few unrelated words make a strong one.", autocomplete: "new-password")
                Field(name: "organization", label: "Organization name (employers and career services)", value: form.organization,
                      error: errors.message("organization"), required: false, autocomplete: "organization")
                Submit("Create account")
            }
            Tag("p", [:]) {
                Text("Already have an account? ")
                Tag.link("Sign in", to: SiteURL.accounts(.signIn()).path)
            }
        }
    }
}

/// What sign-up answers, whether or not the address already had an account.
struct CheckInboxPage: Component {
    var email: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Check your inbox")
            Tag.text("p", "We have sent a message to \(email). Open the link in it within 24 hours to confirm your address, then sign in.")
            Tag.text("p", "Nothing there after a few minutes? Look in your spam folder. If you already had an account with this address, the message tells you how to sign in.")
            Tag("p", [:]) { Tag.link("Sign in", to: SiteURL.accounts(.signIn()).path) }
        }
    }
}

struct SignInPage: Component {
    var csrf: String
    var email: String
    var next: String
    var error: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Sign in")
            if let error { Tag.text("p", error, ["class": "flash flash-error", "role": "alert"]) }
            PostForm(action: SiteURL.accounts(.signIn()).path, csrf: csrf) {
                Tag(void: "input", [("type", "hidden"), ("name", "next"), ("value", next)])
                Field(name: "email", label: "E-mail address", type: "email", value: email, autocomplete: "username")
                Field(name: "password", label: "Password", type: "password", autocomplete: "current-password")
                Submit("Sign in")
            }
            Tag("p", [:]) { Tag.link("Forgot your password?", to: SiteURL.accounts(.forgotPassword).path) }
            Tag("p", [:]) {
                Text("New to Tryout? ")
                Tag.link("Create an account", to: SiteURL.accounts(.signUp()).path)
            }
        }
    }
}

struct ForgotPasswordPage: Component {
    var csrf: String
    var email = ""
    var error: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Reset your password")
            Tag.text("p", "Enter the address you signed up with and we will e-mail you a link that works for one hour.")
            PostForm(action: SiteURL.accounts(.forgotPassword).path, csrf: csrf) {
                Field(name: "email", label: "E-mail address", type: "email", value: email, error: error, autocomplete: "email")
                Submit("Send the link")
            }
        }
    }
}

struct ResetPasswordPage: Component {
    var csrf: String
    var token: String
    var error: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Choose a new password")
            PostForm(action: SiteURL.accounts(.resetPassword(.value(token))).path, csrf: csrf) {
                Field(name: "password", label: "New password", type: "password", error: error,
                      hint: "At least 8 characters. You will be signed out everywhere else.", autocomplete: "new-password")
                Submit("Change password")
            }
        }
    }
}

/// How the account pages word a throttle: what happened, and in how many minutes to try again.
func waitMessage(_ what: String, _ seconds: Int) -> String {
    let minutes = max(1, (seconds + 59) / 60)
    return "\(what). Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
}
