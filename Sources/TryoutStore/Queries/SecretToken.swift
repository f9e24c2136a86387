import Foundation

/// A random secret handed to a person once (cookie, API token, e-mailed link). Only its
/// SHA-256 is stored, so a copy of the database cannot be used to act as anyone.
public struct SecretToken: Sendable {
    public let value: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        value = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public var hash: String { Self.hash(value) }

    public static func hash(_ value: String) -> String {
        Fingerprint.sha256(value)
    }
}
