import Foundation

/// A webhook's address as the organization typed it, checked before it is saved: https (plain
/// http only where private targets are allowed: development and tests), no credentials in it,
/// and no host that is plainly this machine or a private network. Host names are checked again
/// against what they resolve to, when saved and at every delivery.
public struct WebhookTarget: Sendable, Equatable {
    public let url: URL
    public let host: String

    public static let maxLength = 2_000

    /// `allowPrivate`: `TRYOUT_WEBHOOKS_ALLOW_PRIVATE=1` or development, where receivers run on loopback.
    public static func parse(_ raw: String?, allowPrivate: Bool) throws(ValidationFailure) -> WebhookTarget {
        let text = TextInput.trimmed(raw ?? "")
        func refuse(_ message: String) -> ValidationFailure { ValidationFailure([FieldError("url", message)]) }
        guard !text.isEmpty else { throw refuse("Enter the address that receives the events.") }
        guard text.unicodeScalars.count <= maxLength else { throw refuse("The address must be at most \(maxLength) characters.") }
        guard let components = URLComponents(string: text), let url = components.url,
              let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty else {
            throw refuse("Enter a full address like https://example.com/hooks/tryout.")
        }
        guard scheme == "https" || (scheme == "http" && allowPrivate) else {
            throw refuse(allowPrivate ? "The address must start with https:// or http://." : "The address must start with https://.")
        }
        guard components.user == nil, components.password == nil else {
            throw refuse("Leave the user name and password out of the address; the signature proves the sender.")
        }
        if !allowPrivate {
            if let address = NetworkAddress(host), address.isForbidden {
                throw refuse("Webhooks cannot be sent to private, loopback, link-local or multicast addresses.")
            }
            if Self.isLocalName(host) {
                throw refuse("Webhooks cannot be sent to this server's own network; use a public host name.")
            }
        }
        return WebhookTarget(url: url, host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
    }

    /// The refusal when a host name resolves to a forbidden address.
    public static var resolvesPrivately: ValidationFailure {
        ValidationFailure([FieldError("url", "This host name leads to a private, loopback, link-local or multicast address.")])
    }

    /// Names that never leave the machine or the local network, whatever a resolver says.
    static func isLocalName(_ host: String) -> Bool {
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        return name == "localhost" || [".localhost", ".local", ".internal", ".localdomain"].contains { name.hasSuffix($0) }
            || !name.contains(".") && NetworkAddress(name) == nil
    }
}

/// The shared secret a standard endpoint's messages are signed with: `whsec_` and the base64 of
/// 24 random bytes, as the Standard Webhooks specification writes it.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
    }

    /// The key the signature is computed with: the bytes after `whsec_`.
    public static func key(of secret: String) -> Data? {
        guard secret.hasPrefix(prefix) else { return nil }
        return Data(base64Encoded: String(secret.dropFirst(prefix.count)))
    }
}

/// A new endpoint as a form or the API sends it, checked field by field: every problem is named.
public struct WebhookEndpointInput: Sendable, Equatable {
    public let target: WebhookTarget
    public let kind: WebhookKind
    /// The chosen events in the order the settings page lists them.
    public let events: [WebhookEventType]

    /// A missing kind is `standard`; events are their type names (`project.published`).
    public static func parse(url: String?, kind rawKind: String?, events rawEvents: [String],
                             allowPrivate: Bool) throws(ValidationFailure) -> WebhookEndpointInput {
        var errors: [FieldError] = []
        var target: WebhookTarget?
        do {
            target = try WebhookTarget.parse(url, allowPrivate: allowPrivate)
        } catch {
            errors += error.errors
        }
        let kind = WebhookKind(rawValue: rawKind ?? WebhookKind.standard.rawValue)
        if kind == nil { errors.append(FieldError("kind", "Choose signed JSON or Slack.")) }
        let chosen = Set(rawEvents.compactMap(WebhookEventType.init(rawValue:)))
        if rawEvents.isEmpty {
            errors.append(FieldError("events", "Choose at least one event."))
        } else if rawEvents.contains(where: { WebhookEventType(rawValue: $0) == nil }) {
            errors.append(FieldError("events", "Choose events from the list."))
        }
        guard errors.isEmpty, let target, let kind else { throw ValidationFailure(errors) }
        return WebhookEndpointInput(target: target, kind: kind, events: WebhookEventType.allCases.filter(chosen.contains))
    }
}
