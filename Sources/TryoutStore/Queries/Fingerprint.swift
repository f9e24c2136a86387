import Crypto
import Foundation
import TryoutCore

/// SHA-256 in lowercase hex: how agreement texts and stored files are named and checked.
public enum Fingerprint {
    public static func sha256(_ text: String) -> String {
        sha256(bytes: Data(text.utf8))
    }

    public static func sha256<Bytes: DataProtocol>(bytes: Bytes) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
