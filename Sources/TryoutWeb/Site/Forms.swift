import Foundation
import Plot
import TryoutCore

/// The hidden field every state-changing form carries.
struct CSRFField: Component {
    var token: String

    var body: Component {
        Tag(void: "input", [("type", "hidden"), ("name", "_csrf"), ("value", token)])
    }
}

/// The hidden field a form that moves money carries: a new key each time the form is shown, so a
/// second click or a resent form repeats the first result instead of moving money again.
struct IdempotencyField: Component {
    var key = IdempotencyField.newKey()

    var body: Component {
        Tag(void: "input", [("type", "hidden"), ("name", IdempotencyMiddleware.formField), ("value", key)])
    }

    static func newKey() -> String { UUID().uuidString.lowercased() }
}

/// A POST form with its CSRF field already in it.
struct PostForm: Component {
    var action: String
    var csrf: String
    var label: String?
    var content: Component

    init(action: String, csrf: String, label: String? = nil, @ComponentBuilder content: () -> Component) {
        self.action = action
        self.csrf = csrf
        self.label = label
        self.content = content()
    }

    var body: Component {
        Tag("form", attributes: [("action", action), ("method", "post")] + (label.map { [("aria-label", $0)] } ?? [])) {
            CSRFField(token: csrf)
            content
        }
    }
}

/// A labelled input with its hint and error tied to it for screen readers.
struct Field: Component {
    var name: String
    var label: String
    var type = "text"
    var value = ""
    var error: String?
    var hint: String?
    var required = true
    var autocomplete: String?
    /// More attributes for the input: `min`, `max`, `step`, `list`.
    var extra: [(String, String)] = []

    var body: Component {
        let id = "field-\(name)"
        var described: [String] = []
        if hint != nil { described.append("\(id)-hint") }
        if error != nil { described.append("\(id)-error") }
        var attributes: [(String, String)] = [("id", id), ("name", name), ("type", type)]
        if type != "password" { attributes.append(("value", value)) }
        if required { attributes.append(("required", "")) }
        if let autocomplete { attributes.append(("autocomplete", autocomplete)) }
        if error != nil { attributes.append(("aria-invalid", "true")) }
        if !described.isEmpty { attributes.append(("aria-describedby", described.joined(separator: " "))) }
        return Tag("div", ["class": error == nil ? "field" : "field field-error"]) {
            Tag("label", ["for": id]) { Text(label) }
            if let hint { Tag.text("p", hint, ["class": "hint", "id": "\(id)-hint"]) }
            if let error { Tag.text("p", error, ["class": "error-text", "id": "\(id)-error"]) }
            Tag(void: "input", attributes + extra)
        }
    }
}

/// A labelled multi-line text box.
struct TextAreaField: Component {
    var name: String
    var label: String
    var value = ""
    var error: String?
    var hint: String?
    var rows = 4

    var body: Component {
        let id = "field-\(name)"
        let described = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        var attributes = [("id", id), ("name", name), ("rows", String(rows))]
        if error != nil { attributes.append(("aria-invalid", "true")) }
        if !described.isEmpty { attributes.append(("aria-describedby", described.joined(separator: " "))) }
        let area = Tag("textarea", attributes: attributes) { Text(value) }
        return Tag("div", ["class": error == nil ? "field" : "field field-error"]) {
            Tag("label", ["for": id]) { Text(label) }
            if let hint { Tag.text("p", hint, ["class": "hint", "id": "\(id)-hint"]) }
            if let error { Tag.text("p", error, ["class": "error-text", "id": "\(id)-error"]) }
            area
        }
    }
}

/// A labelled checkbox; its error, like a text field's, is announced with it.
struct CheckboxField: Component {
    var name: String
    var label: String
    var checked: Bool
    var error: String?

    var body: Component {
        let id = "field-\(name)"
        var attributes: [(String, String)] = [("type", "checkbox"), ("id", id), ("name", name)] + (checked ? [("checked", "")] : [])
        if error != nil { attributes += [("aria-invalid", "true"), ("aria-describedby", "\(id)-error")] }
        return Tag("div", ["class": error == nil ? "choice" : "choice field-error"]) {
            if let error { Tag.text("p", error, ["class": "error-text", "id": "\(id)-error"]) }
            Tag(void: "input", attributes)
            Tag("label", ["for": id]) { Text(label) }
        }
    }
}

/// A labelled drop-down.
struct SelectField: Component {
    var name: String
    var label: String
    var options: [(value: String, label: String)]
    var selected: String
    var error: String?

    var body: Component {
        let id = "field-\(name)"
        let invalid = error == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", "\(id)-error")]
        let select = Tag("select", attributes: [("id", id), ("name", name)] + invalid) {
            for option in options {
                if option.value == selected {
                    Tag("option", ["value": option.value, "selected": ""]) { Text(option.label) }
                } else {
                    Tag("option", ["value": option.value]) { Text(option.label) }
                }
            }
        }
        return Tag("div", ["class": "field"]) {
            Tag("label", ["for": id]) { Text(label) }
            if let error { Tag.text("p", error, ["class": "error-text", "id": "\(id)-error"]) }
            select
        }
    }
}

/// A list of every problem at the top of a form, each linking to its field. It takes the focus
/// when the page loads, so after a refused submit a keyboard or screen-reader user starts there
/// rather than at the top of the page.
/// The button Enter presses in a form whose "did you mean" choices are submit buttons too:
/// placed first, it is the form's default button, so pressing Enter saves rather than choosing.
/// Hidden from sight and from assistive technology, which reach the real button at the end.
struct DefaultSubmit: Component {
    var title: String

    var body: Component {
        Tag("button", ["type": "submit", "class": "visually-hidden", "tabindex": "-1", "aria-hidden": "true"]) { Text(title) }
    }
}

struct ErrorSummary: Component {
    var errors: [FieldError]

    var body: Component {
        if errors.isEmpty { return EmptyComponent() }
        return Tag("div", ["class": "error-summary", "role": "alert", "tabindex": "-1", "id": "error-summary", "autofocus": ""]) {
            Tag.text("h2", errors.count == 1 ? "There is a problem" : "There are \(errors.count) problems")
            Tag("ul", [:]) {
                for error in errors {
                    Tag("li", [:]) { Tag.link(error.message, to: "#field-\(error.field)") }
                }
            }
        }
    }
}

/// A submit button. In tables, `detail` names the row for screen readers ("Revoke" → "Revoke
/// ci token"), instead of labelling each row's form, which would make every row a landmark.
struct Submit: Component {
    var title: String
    var style = "primary"
    var detail: String?

    init(_ title: String, style: String = "primary", detail: String? = nil) {
        self.title = title
        self.style = style
        self.detail = detail
    }

    var body: Component {
        Tag("button", ["type": "submit", "class": "button \(style)"]) {
            Text(title)
            if let detail { Tag.text("span", " " + detail, ["class": "visually-hidden"]) }
        }
    }
}

extension Array where Element == FieldError {
    func message(_ field: String) -> String? {
        first { $0.field == field }?.message
    }
}

/// How many rows of a repeated group a form shows: the filled ones plus two empty ones, at least `minimum`.
func repeatedRows(filled: (Int) -> Bool, maximum: Int, minimum: Int = 3) -> Int {
    let used = (0..<maximum).filter(filled).max().map { $0 + 1 } ?? 0
    return min(maximum, max(minimum, used + 2))
}
