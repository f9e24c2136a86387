import Foundation

/// Files under `Tests/Fixtures`, read from the source tree.
public enum Fixtures {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A file of the sample ESCO download.
    public static func esco(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("esco").appendingPathComponent(name), encoding: .utf8)
    }
}
