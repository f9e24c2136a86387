import Foundation
import Plot
import TryoutCore

/// `/orgs/:slug/webhooks`: the organization's endpoints with how their last delivery went, the
/// form that adds one, and, right after adding, the new secret, shown this once.
struct WebhooksPage: Component {
    struct Form: Sendable {
        var url = ""
        var kind = WebhookKind.standard.rawValue
        var events: [String] = []
    }

    var csrf: String
    var org: OrganizationView
    var endpoints: [WebhookEndpointView]
    var form = Form()
    var errors: [FieldError] = []
    /// The endpoint just added and its secret.
    var created: (endpoint: WebhookEndpointView, secret: String)?

    var body: Component {
        let action = SiteURL.webhooks(.list(.value(org.slug))).path
        return ComponentGroup {
            Tag.text("h1", "\(org.name): webhooks")
            Tag("p", [:]) {
                Tag.link("Settings", to: org.url(.settings))
                Text(" · ")
                Tag.link("Members", to: org.url(.members))
            }
            Tag.text("p", "Tryout posts each event you choose to your address as it happens, signed as the Standard Webhooks "
                     + "specification says (headers webhook-id, webhook-timestamp and webhook-signature), or as a Slack message. "
                     + "Failed deliveries are retried for about a day; after 50 failures in a row the webhook is turned off and the owners are told.")
            if let created { NewSecret(endpoint: created.endpoint, secret: created.secret) }
            Tag("section", ["aria-labelledby": "endpoints-heading"]) {
                Tag.text("h2", "Endpoints", ["id": "endpoints-heading"])
                if endpoints.isEmpty {
                    Tag.text("p", "No webhooks yet.")
                } else {
                    Tag("ul", ["class": "cards"]) {
                        for endpoint in endpoints { EndpointCard(endpoint: endpoint) }
                    }
                }
            }
            Tag("section", ["aria-labelledby": "add-heading"]) {
                Tag.text("h2", "Add a webhook", ["id": "add-heading"])
                ErrorSummary(errors: errors)
                PostForm(action: action, csrf: csrf) {
                    Field(name: "url", label: "Address (URL)", type: "url", value: form.url, error: errors.message("url"),
                          hint: "https only. For Slack, the incoming-webhook address (https://hooks.slack.com/services/…).",
                          autocomplete: "off")
                    ChoiceGroup(legend: "Kind", name: "kind", type: "radio", error: errors.message("kind"),
                                choices: WebhookKind.allCases.map { ($0.rawValue, $0.label, form.kind == $0.rawValue) })
                    ChoiceGroup(legend: "Events", name: "events[]", field: "events", type: "checkbox", error: errors.message("events"),
                                choices: WebhookEventType.allCases.map { ($0.rawValue, "\($0.label) (\($0.rawValue))", form.events.contains($0.rawValue)) })
                    Submit("Add webhook")
                }
            }
        }
    }

    /// Shown once, right after the endpoint is added.
    struct NewSecret: Component {
        var endpoint: WebhookEndpointView
        var secret: String

        var body: Component {
            Tag("div", ["role": "status", "class": "panel", "id": "new-webhook"]) {
                Tag.text("h2", "Webhook added")
                if endpoint.kind == .standard {
                    Tag.text("p", "Its signing secret. Copy it now into your receiver: it will not be shown again.")
                    Tag.text("p", secret, ["class": "secret", "id": "new-secret"])
                } else {
                    Tag.text("p", "Slack messages are not signed: keep the incoming-webhook address itself secret.")
                }
            }
        }
    }

    struct EndpointCard: Component {
        var endpoint: WebhookEndpointView

        var body: Component {
            Tag("li", ["class": "card"]) {
                Tag("h3", [:]) { Tag.link(endpoint.url, to: endpoint.page, ["class": "secret"]) }
                Tag.text("p", "\(endpoint.kind.label) · \(endpoint.events.count == 1 ? "1 event" : "\(endpoint.events.count) events")", ["class": "meta"])
                Tag.text("p", endpoint.state, ["class": endpoint.turnedOffAt == nil ? "meta" : "late"])
                Tag.text("p", endpoint.lastDelivery.map { "Last delivery: \($0.summary), \(DateText.short($0.at))" } ?? "Nothing delivered yet.",
                         ["class": "meta"])
            }
        }
    }
}

/// A group of radio buttons or checkboxes under one legend, each labelled, the error tied to the group.
struct ChoiceGroup: Component {
    var legend: String
    var name: String
    /// The field an error names (`events` for `events[]`).
    var field: String?
    var type: String
    var error: String?
    var choices: [(value: String, label: String, checked: Bool)]

    var body: Component {
        let key = field ?? name
        var attributes: [(String, String)] = [("id", "field-\(key)")]
        if error != nil { attributes.append(("aria-describedby", "field-\(key)-error")) }
        return Tag("fieldset", attributes: attributes) {
            Tag.text("legend", legend)
            if let error { Tag.text("p", error, ["class": "error-text", "id": "field-\(key)-error"]) }
            for choice in choices {
                let id = "\(key)-\(choice.value.replacingOccurrences(of: ".", with: "-"))"
                Tag("div", ["class": "choice"]) {
                    Tag(void: "input", [("type", type), ("id", id), ("name", name), ("value", choice.value)] + (choice.checked ? [("checked", "")] : []))
                    Tag("label", ["for": id]) { Text(choice.label) }
                }
            }
        }
    }
}

/// `/orgs/:slug/webhooks/:id`: one endpoint, its latest attempts, and buttons to send a message
/// again or remove the endpoint.
struct WebhookEndpointPage: Component {
    var csrf: String
    var org: OrganizationView
    var endpoint: WebhookEndpointView
    var deliveries: [WebhookDeliveryView]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Webhook of \(org.name)")
            Tag("p", [:]) { Tag.link("All webhooks", to: SiteURL.webhooks(.list(.value(org.slug))).path) }
            Tag("dl", ["class": "facts"]) {
                Tag.text("dt", "Address")
                Tag.text("dd", endpoint.url, ["class": "secret"])
                Tag.text("dt", "Kind")
                Tag.text("dd", endpoint.kind.label)
                Tag.text("dt", "State")
                Tag.text("dd", endpoint.state)
                Tag.text("dt", "Events")
                Tag.text("dd", endpoint.events.map(\.rawValue).joined(separator: ", "))
            }
            if endpoint.turnedOffAt != nil {
                Tag.text("p", "This webhook is turned off: no events go to it. Sending a message again from the log turns it back on.",
                         ["class": "notice"])
            }
            Tag("section", ["aria-labelledby": "log-heading"]) {
                Tag.text("h2", "Delivery log", ["id": "log-heading"])
                if deliveries.isEmpty {
                    Tag.text("p", "Nothing has been sent yet.")
                } else {
                    Tag("ol", ["class": "thread", "reversed": ""]) {
                        for delivery in deliveries { entry(delivery) }
                    }
                }
            }
            Tag("p", [:]) { Tag.link("Remove this webhook…", to: endpoint.deletePage) }
        }
    }

    private func entry(_ delivery: WebhookDeliveryView) -> Component {
        Tag("li", [:]) {
            Tag("p", [:]) {
                Tag.text("strong", delivery.summary)
                Text(" · \(delivery.eventType) · attempt \(delivery.attempt) · \(delivery.durationMS) ms · \(DateText.short(delivery.at))")
            }
            Tag.text("p", "Message \(delivery.messageID)", ["class": "meta"])
            if !delivery.excerpt.isEmpty { Tag.text("p", delivery.excerpt, ["class": "secret"]) }
            PostForm(action: delivery.redeliver, csrf: csrf) {
                Submit("Send again", style: "secondary", detail: "message \(delivery.messageID)")
            }
        }
    }
}

/// Asked before an endpoint goes: its deliveries stop and its log is removed with it.
struct WebhookDeletePage: Component {
    var csrf: String
    var org: OrganizationView
    var endpoint: WebhookEndpointView

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Remove this webhook?")
            Tag.text("p", "No more events go to this address, messages still waiting are dropped and its delivery log is removed:")
            Tag.text("p", endpoint.url, ["class": "secret"])
            PostForm(action: endpoint.deletePage, csrf: csrf) {
                Submit("Remove webhook", style: "danger")
            }
            Tag("p", [:]) { Tag.link("Keep it", to: endpoint.page) }
        }
    }
}
