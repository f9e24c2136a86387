import Crypto
import FluentKit
import Foundation
import TryoutCore

/// The secret part of an unsubscribe link: who and what, signed with this installation's key.
/// Nothing is stored per link, so every e-mail can carry one, and the link keeps working for as
/// long as the mail sits in an inbox (RFC 8058 asks that it work without signing in).
public enum UnsubscribeTokens {
    static let secretName = "unsubscribe-links"

    /// "<user id>.<scope>.<signature>": readable, so a support person can tell whose link it is,
    /// and useless changed, as the signature covers both.
    public static func make(userID: UUID, scope: UnsubscribeScope, at now: Date, on db: any Database) async throws -> String {
        let payload = "\(userID.uuidString.lowercased()).\(scope.rawValue)"
        return payload + "." + base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: try await key(at: now, on: db))))
    }

    /// Who and what `token` names, or nil when it is not one Tryout signed.
    public static func read(_ token: String, at now: Date, on db: any Database) async throws -> (userID: UUID, scope: UnsubscribeScope)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard token.count <= 200, parts.count == 3, let userID = UUID(uuidString: parts[0]), let scope = UnsubscribeScope(rawValue: parts[1]),
              let mac = data(base64URL: parts[2])
        else { return nil }
        let payload = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: try await key(at: now, on: db)) else { return nil }
        return (userID, scope)
    }

    private static func key(at now: Date, on db: any Database) async throws -> SymmetricKey {
        SymmetricKey(data: Data(try await AccountSecurity.instanceSecret(secretName, at: now, on: db).utf8))
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
