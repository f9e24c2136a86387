import Foundation
import Plot
import TryoutApp
import TryoutCore

/// The settings page where a person chooses, kind by kind, how they hear of things by e-mail,
/// and the zone their daily digest keeps.
struct NotificationPreferencesPage: Component {
    var csrf: String
    var preferences: MailPreferences
    /// What the form shows in the zone field: the person's choice, or what they sent.
    var timeZone: String
    var effectiveTimeZone: String
    var errors: [FieldError]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Notifications")
            Tag("p", [:]) { Tag.link("Back to settings", to: SiteURL.accounts(.settings).path) }
            Tag.text("p", "You always see what happens in Tryout under Notifications. Choose which of it also comes by e-mail: at once, in one e-mail a day at 08:00 your time, or not at all.", ["class": "lead"])
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.notifications(.preferences).path, csrf: csrf) {
                Tag("table", ["class": "preferences choices"]) {
                    Tag.text("caption", "E-mail for each kind of news", ["class": "visually-hidden"])
                    Tag("thead", [:]) {
                        Tag("tr", [:]) {
                            Tag.text("th", "Kind", ["scope": "col"])
                            for preference in MailPreference.allCases { Tag.text("th", preference.label, ["scope": "col"]) }
                        }
                    }
                    Tag("tbody", [:]) {
                        for category in NotificationCategory.allCases { row(category) }
                    }
                }
                Field(name: NotificationFields.timeZone, label: "Your time zone, for the daily digest and the times of your notifications", value: timeZone,
                      error: errors.message(NotificationFields.timeZone),
                      hint: "An IANA name such as Europe/Berlin; left empty, your candidate profile's zone or UTC. Now: \(effectiveTimeZone).",
                      required: false, autocomplete: "off", extra: [("list", "time-zones")])
                Tag("datalist", ["id": "time-zones"]) {
                    for name in TimeZoneName.suggestions { Tag("option", ["value": name]) {} }
                }
                Submit("Save notification settings")
            }
        }
    }

    private func row(_ category: NotificationCategory) -> Component {
        let field = category.rawValue
        let error = errors.message(field)
        return Tag("tr", ["id": "field-\(field)"]) {
            Tag("th", ["scope": "row"]) {
                Text(category.label)
                Tag.text("p", category.summary, ["class": "hint"])
                if let error { Tag.text("p", error, ["class": "error-text"]) }
            }
            for preference in MailPreference.allCases {
                let id = "\(field)-\(preference.rawValue)"
                Tag("td", [:]) {
                    Tag(void: "input", [("type", "radio"), ("id", id), ("name", field), ("value", preference.rawValue)]
                        + (preferences[category] == preference ? [("checked", "")] : []))
                    Tag.text("label", "\(category.label): \(preference.label.lowercased())", ["for": id, "class": "visually-hidden"])
                }
            }
        }
    }
}

/// The page an unsubscribe link opens: it changes nothing until its button is pressed.
struct UnsubscribePage: Component {
    var action: String
    var request: UnsubscribeRequest
    var done: Bool

    var body: Component {
        ComponentGroup {
            if done {
                Tag.text("h1", "You are unsubscribed")
                Tag.text("p", "\(request.email) no longer gets \(request.scope.label). You still see everything under Notifications in Tryout.")
                Tag("p", [:]) { Tag.link("Choose how you hear from Tryout", to: SiteURL.notifications(.preferences).path) }
            } else {
                Tag.text("h1", "Unsubscribe")
                Tag.text("p", "Stop sending \(request.scope.label) to \(request.email)?")
                Tag("form", ["method": "post", "action": action]) {
                    Tag(void: "input", [("type", "hidden"), ("name", "List-Unsubscribe"), ("value", "One-Click")])
                    Submit("Unsubscribe")
                }
                Tag("p", [:]) { Tag.link("Choose for each kind of news instead", to: SiteURL.notifications(.preferences).path) }
            }
        }
    }
}
