import Crypto
import Foundation

/// SHA-256 in lowercase hex: how agreement texts and stored files are named and checked.
public enum Fingerprint {
    public static func sha256(_ text: String) -> String {
        sha256(bytes: Data(text.utf8))
    }

    public static func sha256<Bytes: DataProtocol>(bytes: Bytes) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
