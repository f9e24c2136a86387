import Crypto
import Foundation
import TryoutCore

/// Signing as the Standard Webhooks specification says: HMAC-SHA256, keyed with the secret's
/// bytes after `whsec_`, over `id.timestamp.body`, sent as `v1,<base64>`.
public enum WebhookSignature {
    public static func sign(id: String, timestamp: Int, body: String, secret: String) -> String? {
        guard let key = WebhookSecret.key(of: secret) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The headers a standard endpoint's message carries; a Slack endpoint gets none of them.
    public static func headers(id: String, timestamp: Int, body: String, secret: String) -> [(String, String)] {
        guard let signature = sign(id: id, timestamp: timestamp, body: body, secret: secret) else { return [] }
        return [("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", signature)]
    }
}
