import Plot

/// A destructive action's own page, reached by a link where the action is offered: what will
/// happen, one button that does it (posting to the same address), and a way back. A slip of the
/// finger on a list of people then removes nobody.
struct ConfirmationPage: Component {
    var question: String
    var consequences: String
    /// The address the button posts to: the page's own.
    var action: String
    var confirm: String
    var backLabel: String
    var back: String
    var csrf: String
    /// What the first form said, carried to the button unchanged (a reason, say).
    var carried: [(name: String, value: String)] = []
    /// Whether the action moves money, so the button's form carries an idempotency key.
    var idempotent = false

    var body: Component {
        ComponentGroup {
            Tag.text("h1", question)
            Tag.text("p", consequences, ["class": "lead"])
            Tag("div", ["class": "actions"]) {
                PostForm(action: action, csrf: csrf) {
                    if idempotent { IdempotencyField() }
                    for field in carried { Tag(void: "input", [("type", "hidden"), ("name", field.name), ("value", field.value)]) }
                    Submit(confirm, style: "danger")
                }
                Tag.link(backLabel, to: back, ["class": "button secondary"])
            }
        }
    }
}

/// A link that looks like a button: to a destructive action's confirmation page, which asks
/// before anything happens. `detail` tells a screen reader which row it acts on.
struct ActionLink: Component {
    var title: String
    var url: String
    var style = "danger"
    var detail: String?

    var body: Component {
        Tag("a", attributes: [("href", url), ("class", "button \(style)")]) {
            Text(title)
            if let detail { Tag.text("span", " " + detail, ["class": "visually-hidden"]) }
        }
    }
}
