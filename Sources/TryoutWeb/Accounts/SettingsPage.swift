import Foundation
import Plot
import TryoutCore

/// An API token as Settings lists it: never the token itself, which is shown once.
struct TokenSummary: Sendable {
    let id: APITokenID
    let name: String
    let prefix: String
    let createdAt: Date
    let lastUsedAt: Date?
}

/// A school or program the person studies with, and their place in its list.
struct SchoolSummary: Sendable {
    let studentID: UUID
    let name: String
    let slug: String
}

struct SettingsPage: Component {
    var csrf: String
    var name: String
    var email: String
    var emailVerified: Bool
    var tokens: [TokenSummary]
    var schools: [SchoolSummary]
    var newToken: String?
    var errors: [FieldError]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Settings")
            ErrorSummary(errors: errors)
            Tag("section", ["aria-labelledby": "profile-heading"]) {
                Tag.text("h2", "Profile", ["id": "profile-heading"])
                Tag.text("p", "Signed in as \(email).")
                if !emailVerified {
                    Tag("div", ["class": "notice", "role": "status"]) {
                        Tag.text("p", "Your e-mail address is not confirmed yet. Until you open the link we sent, you cannot apply, join an organization, or create API tokens or a calendar address.")
                        PostForm(action: SiteURL.accounts(.resendVerification).path, csrf: csrf) {
                            Submit("Send the link again", style: "secondary")
                        }
                    }
                }
                PostForm(action: SiteURL.accounts(.settingsProfile).path, csrf: csrf) {
                    Field(name: "name", label: "Your name", value: name, error: errors.message("name"), autocomplete: "name")
                    Submit("Save profile")
                }
            }
            Tag("section", ["aria-labelledby": "password-heading"]) {
                Tag.text("h2", "Password", ["id": "password-heading"])
                PostForm(action: SiteURL.accounts(.settingsPassword).path, csrf: csrf) {
                    Field(name: "current", label: "Current password", type: "password", error: errors.message("current"), autocomplete: "current-password")
                    Field(name: "password", label: "New password", type: "password", error: errors.message("password"),
                          hint: "At least 8 characters.", autocomplete: "new-password")
                    Submit("Change password")
                }
            }
            if !schools.isEmpty {
                Tag("section", ["aria-labelledby": "schools-heading"]) {
                    Tag.text("h2", "Schools", ["id": "schools-heading"])
                    Tag.text("p", "You see the projects shared with these schools and programs.")
                    Tag("ul", [:]) {
                        for school in schools {
                            Tag("li", [:]) {
                                Tag.link(school.name, to: SiteURL.organizations(.organization(.value(school.slug))).path)
                                Text(" ")
                                ActionLink(title: "Leave", url: SiteURL.students(.leave(.value(StudentID(school.studentID)))).path, style: "secondary",
                                           detail: school.name)
                            }
                        }
                    }
                }
            }
            Tag("section", ["aria-labelledby": "notifications-heading"]) {
                Tag.text("h2", "Notifications", ["id": "notifications-heading"])
                Tag("p", [:]) { Tag.link("Choose which e-mails you get, and when", to: SiteURL.notifications(.preferences).path) }
            }
            Tag("section", ["aria-labelledby": "calendar-heading"]) {
                Tag.text("h2", "Calendar", ["id": "calendar-heading"])
                Tag("p", [:]) { Tag.link("Subscribe to your deadlines and check-ins", to: SiteURL.engagements(.calendarSettings()).path) }
            }
            Tag("section", ["aria-labelledby": "tokens-heading"]) {
                Tag.text("h2", "API tokens", ["id": "tokens-heading"])
                Tag.text("p", "Tokens let scripts use the Tryout API as you: send one as Authorization: Bearer. Treat them like passwords.")
                if let newToken {
                    Tag("div", ["role": "status"]) {
                        Tag.text("p", "Your new token. Copy it now: it will not be shown again.")
                        Tag.text("p", newToken, ["class": "secret", "id": "new-token"])
                    }
                }
                if tokens.isEmpty {
                    Tag.text("p", "You have no API tokens.")
                } else {
                    Tag("table", [:]) {
                        Tag("thead", [:]) {
                            Tag("tr", [:]) {
                                Tag.text("th", "Name", ["scope": "col"])
                                Tag.text("th", "Starts with", ["scope": "col"])
                                Tag.text("th", "Created", ["scope": "col"])
                                Tag.text("th", "Last used", ["scope": "col"])
                                Tag("th", ["scope": "col"]) { Tag.text("span", "Actions", ["class": "visually-hidden"]) }
                            }
                        }
                        Tag("tbody", [:]) {
                            for token in tokens {
                                Tag("tr", [:]) {
                                    Tag.text("th", token.name, ["scope": "row"])
                                    Tag.text("td", token.prefix + "…", ["data-label": "Starts with"])
                                    Tag.text("td", DateText.short(token.createdAt), ["data-label": "Created"])
                                    Tag.text("td", token.lastUsedAt.map(DateText.short) ?? "Never", ["data-label": "Last used"])
                                    Tag("td", [:]) {
                                        ActionLink(title: "Revoke", url: SiteURL.accounts(.revokeToken(.value(token.id))).path,
                                                   detail: "token \(token.name) (\(token.prefix)…)")
                                    }
                                }
                            }
                        }
                    }
                }
                PostForm(action: SiteURL.accounts(.settingsTokens).path, csrf: csrf) {
                    Field(name: "tokenName", label: "Token name", error: errors.message("tokenName"), hint: "What the token is for, e.g. \"reporting script\".")
                    Submit("Create token", style: "secondary")
                }
            }
        }
    }
}
