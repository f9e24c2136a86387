import Foundation

/// Where the bytes of submitted files live, named by their SHA-256. A protocol so that a test
/// can make storage fail half-way through a submission.
public protocol FileStorage: Sendable {
    /// Stores the bytes under their hash; storing the same bytes twice keeps one copy.
    func write(_ bytes: [UInt8], sha256: String) throws
    func read(sha256: String) throws -> Data
}

/// Files under a directory, `ab/cd/abcd…`: written to a temporary name first and renamed into
/// place, so a crash never leaves a half-written file under a real name.
public struct DiskFileStorage: FileStorage {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func write(_ bytes: [UInt8], sha256: String) throws {
        let target = try path(sha256)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { return }
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = URL(fileURLWithPath: root).appendingPathComponent("tmp-\(UUID().uuidString)")
        try Data(bytes).write(to: temporary)
        do {
            try manager.moveItem(at: temporary, to: target)
        } catch {
            try? manager.removeItem(at: temporary)
            // Another request stored the same bytes first.
            if !manager.fileExists(atPath: target.path) { throw error }
        }
    }

    public func read(sha256: String) throws -> Data {
        try Data(contentsOf: try path(sha256))
    }

    /// Only a hex digest names a file, so no stored value can point outside the root.
    private func path(_ sha256: String) throws -> URL {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { throw CocoaError(.fileReadInvalidFileName) }
        let name = sha256.lowercased()
        return URL(fileURLWithPath: root).appendingPathComponent(String(name.prefix(2)))
            .appendingPathComponent(String(name.dropFirst(2).prefix(2))).appendingPathComponent(name)
    }
}
