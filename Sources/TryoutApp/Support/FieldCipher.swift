import Crypto
import Foundation

/// Seals secrets kept in the database (payout details, tax identifiers) with AES-GCM under the
/// server's key, which never enters the database: a copy of the database alone reveals nothing.
/// Each sealed value is bound to its place (`context`, such as the owner's id), so a value
/// copied onto another row does not open there.
public struct FieldCipher: Sendable {
    /// The key's bytes: `SymmetricKey` is made from them for each use, as it is not `Sendable`.
    private let keyBytes: Data

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A key for this process only: tests, and tools that seal nothing they keep.
    public static func ephemeral() -> FieldCipher {
        FieldCipher(base64: newKeyText())!
    }

    /// A key written as base64 of 32 bytes (`TRYOUT_SECRET_KEY`); nil for anything else.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else { return nil }
        keyBytes = data
    }

    /// A new random key in the form `init(base64:)` reads.
    public static func newKeyText() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// "v1:" and the nonce, ciphertext and tag in base64. The version leaves room for a new scheme.
    public func seal<T: Encodable>(_ value: T, context: String) throws -> String {
        let box = try AES.GCM.seal(try JSONEncoder().encode(value), using: key, authenticating: Data(context.utf8))
        return "v1:" + box.combined!.base64EncodedString()
    }

    /// Opens what `seal` made in the same context; throws for another key, context or a change.
    public func open<T: Decodable>(_ type: T.Type, from sealed: String, context: String) throws -> T {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else { throw FieldCipherError.unreadable }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key, authenticating: Data(context.utf8))
        return try JSONDecoder().decode(type, from: plain)
    }
}

public enum FieldCipherError: Error { case unreadable }
